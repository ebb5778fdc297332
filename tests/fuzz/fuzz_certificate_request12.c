/* fuzz_certificate_request12.c -- see fuzz_certificate_request.h */
#define FUZZ_VERSION	TLS1_2_VERSION
#include "fuzz_certificate_request.h"
