#ifndef ECR_APPLY_CCURL_SHIM_H
#define ECR_APPLY_CCURL_SHIM_H

#include <curl/curl.h>

/* curl_easy_setopt and friends are variadic macros Swift cannot call; these typed
   wrappers are the whole reason this shim exists. */

static inline CURLcode ecr_curl_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ecr_curl_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode ecr_curl_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*ecr_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode ecr_curl_easy_setopt_callback(CURL *handle, CURLoption option, ecr_curl_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode ecr_curl_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode ecr_curl_easy_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode ecr_curl_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

#endif
