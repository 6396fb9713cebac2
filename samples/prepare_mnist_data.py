#!/usr/bin/env python3
"""Puts the MNIST data both samples train on into your S3 bucket, as CSV.

    python3 prepare_mnist_data.py my-bucket           (needs boto3 and numpy, and AWS credentials)

Writes, from the public copy of MNIST that the SageMaker examples use
(s3://sagemaker-sample-files/datasets/image/MNIST/mnist.pkl.gz):
  s3://BUCKET/mnist_kmeans_example/train_data.csv     784 pixel columns, no label (k-means)
  s3://BUCKET/mnist_xgboost_example/train.csv          label first, then 784 pixels (XGBoost)
  s3://BUCKET/mnist_xgboost_example/validation.csv     same layout, the validation set
"""
import gzip
import io
import pickle
import sys

import boto3
import numpy


def upload_csv(s3, bucket, key, rows):
    buffer = io.BytesIO()
    numpy.savetxt(buffer, rows, delimiter=",", fmt="%g")
    buffer.seek(0)
    s3.upload_fileobj(buffer, bucket, key)
    print(f"uploaded s3://{bucket}/{key} ({rows.shape[0]} rows)")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: prepare_mnist_data.py BUCKET")
    bucket = sys.argv[1]
    s3 = boto3.client("s3")
    source = io.BytesIO()
    s3.download_fileobj("sagemaker-sample-files", "datasets/image/MNIST/mnist.pkl.gz", source)
    source.seek(0)
    with gzip.open(source, "rb") as f:
        (train_x, train_y), (valid_x, valid_y), _ = pickle.load(f, encoding="latin1")

    upload_csv(s3, bucket, "mnist_kmeans_example/train_data.csv", train_x)
    upload_csv(s3, bucket, "mnist_xgboost_example/train.csv", numpy.column_stack((train_y, train_x)))
    upload_csv(s3, bucket, "mnist_xgboost_example/validation.csv", numpy.column_stack((valid_y, valid_x)))


if __name__ == "__main__":
    main()
