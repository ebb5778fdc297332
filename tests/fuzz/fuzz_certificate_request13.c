/* fuzz_certificate_request13.c -- see fuzz_certificate_request.h */
#define FUZZ_VERSION	TLS1_3_VERSION
#include "fuzz_certificate_request.h"
