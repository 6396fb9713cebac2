/* The libcurl floor: the least a native program built on Debian's libcurl can do, one POST to the
   URL in argv[1] (with the SageMaker CreateTrainingJob target header). bench/run.sh compiles it. */
#include <curl/curl.h>
int main(int argc, char **argv) {
  CURL *curl = curl_easy_init();
  struct curl_slist *headers = curl_slist_append(NULL, "X-Amz-Target: SageMaker.CreateTrainingJob");
  curl_easy_setopt(curl, CURLOPT_URL, argc > 1 ? argv[1] : "http://127.0.0.1/");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_POSTFIELDS, "{}");
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, fwrite);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, stderr);
  return curl_easy_perform(curl) == CURLE_OK ? 0 : 1;
}
