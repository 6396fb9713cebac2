#!/usr/bin/env bash
# The demo: builds if needed, starts the local AWS emulator, runs the real sagemaker-training binary on a
# realistic two-instance training job with live logs, writes its outputs to demo-output/, stops the
# emulator. Exit code: the program's.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "demo: building sagemaker-training (first time: a minute or two)"
BUILD_TARGET=sagemaker-training bash scripts/build.sh >/dev/null
BINARY="${BUILD_DIR:-build}/sagemaker-training"

OUT_DIR="$PWD/demo-output"
rm -rf "$OUT_DIR" && mkdir -p "$OUT_DIR"
EMULATOR_LOG="$OUT_DIR/emulator-requests.jsonl"

coproc EMULATOR { exec python3 -m tests.emulator --port 0 --scenario tests/emulator/scenarios/demo.json \
                   --request-log "$EMULATOR_LOG" 2>"$OUT_DIR/emulator.stderr"; }
EMULATOR_PID=$EMULATOR_PID
trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true' EXIT
read -r -t 20 READY <&"${EMULATOR[0]}" || { echo "demo: the emulator did not start" >&2; exit 1; }
PORT=${READY#EMULATOR_PORT=}
echo "demo: AWS emulator listening on 127.0.0.1:$PORT (SageMaker, CloudWatch Logs, STS)"

set +e
env -i PATH="$PATH" HOME="$OUT_DIR" \
  AWS_ACCESS_KEY_ID=AKIDEMULATOREXAMPLE AWS_SECRET_ACCESS_KEY=emulator/secret/key/EXAMPLE \
  AWS_ENDPOINT_URL="http://127.0.0.1:$PORT" AWS_EC2_METADATA_DISABLED=true \
  "$BINARY" \
    --region us-west-2 \
    --job_name "demo-mnist-kmeans-$(date -u +%Y%m%d%H%M%S)" \
    --role arn:aws:iam::123456789012:role/SageMakerExecutionRole \
    --image 174872318107.dkr.ecr.us-west-2.amazonaws.com/kmeans:1 \
    --channels '[{"ChannelName":"train","DataSource":{"S3DataSource":{"S3Uri":"s3://demo-bucket/mnist_kmeans_example/train_data","S3DataType":"S3Prefix","S3DataDistributionType":"FullyReplicated"}},"ContentType":"","CompressionType":"None","RecordWrapperType":"None","InputMode":"File"}]' \
    --hyperparameters '{"k":10,"feature_dim":784,"mini_batch_size":500}' \
    --metric_definitions '{"train:msd":"#quality_metric: host=\\S+, epoch=\\S+, train msd <loss>=(\\S+)"}' \
    --instance_type ml.m5.xlarge --instance_count 2 --volume_size 50 --max_run_time 3600 \
    --model_artifact_path s3://demo-bucket/mnist_kmeans_example/output \
    --network_isolation True --traffic_encryption False --spot_instance False \
    --tags '{"project":"demo","team":"ml-platform"}' \
    --poll_interval 0.5 \
    --model_artifact_url_output_path "$OUT_DIR/model_artifact_url" \
    --job_name_output_path "$OUT_DIR/job_name" \
    --training_image_output_path "$OUT_DIR/training_image" \
    --ui_metadata_output_path "$OUT_DIR/mlpipeline-ui-metadata.json" \
    --metrics_output_path "$OUT_DIR/mlpipeline-metrics.json" \
    --curves_output_path "$OUT_DIR/training-curves.html"
status=$?
set -e

echo
echo "demo: sagemaker-training exited with $status; outputs in $OUT_DIR:"
for output in model_artifact_url job_name training_image; do
  [ -f "$OUT_DIR/$output" ] && printf '  %-20s %s\n' "$output" "$(cat "$OUT_DIR/$output")"
done
[ -f "$OUT_DIR/training-curves.html" ] && echo "  training curves:     $OUT_DIR/training-curves.html (open it in a browser)"
echo "  emulator request log: $EMULATOR_LOG"
exit $status
