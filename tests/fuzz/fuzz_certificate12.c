/* fuzz_certificate12.c -- see fuzz_certificate.h */
#define FUZZ_VERSION	TLS1_2_VERSION
#include "fuzz_certificate.h"
