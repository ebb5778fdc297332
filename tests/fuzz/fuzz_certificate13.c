/* fuzz_certificate13.c -- see fuzz_certificate.h */
#define FUZZ_VERSION	TLS1_3_VERSION
#include "fuzz_certificate.h"
