// PoseRun's own declarations of the few LiteRT 2.3.0 C API calls it uses.
//
// Written from the signatures in google-ai-edge/LiteRT `litert/c/*.h` (the commit that set
// the SDK version to 2.3.0), not copied from them. Only types and *function pointer types*
// are declared: PoseRun opens `libLiteRt.so` at run time with dlopen/dlsym from the model
// cache folder, so building and testing need no download and no link-time library.
#ifndef POSERUN_LITERT_DECLARATIONS_H
#define POSERUN_LITERT_DECLARATIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// MARK: - Opaque handles (pointers to incomplete structs: never dereferenced here)

typedef struct LiteRtEnvironmentT *LiteRtEnvironment;
typedef struct LiteRtModelT *LiteRtModel;
typedef struct LiteRtSignatureT *LiteRtSignature;
typedef struct LiteRtTensorT *LiteRtTensor;
typedef struct LiteRtOptionsT *LiteRtOptions;
typedef struct LiteRtOpaqueOptionsT *LiteRtOpaqueOptions;
typedef struct LiteRtCompiledModelT *LiteRtCompiledModel;
typedef struct LiteRtTensorBufferT *LiteRtTensorBuffer;
typedef struct LiteRtTensorBufferRequirementsT *LiteRtTensorBufferRequirements;

// MARK: - Scalars

/// A LiteRtStatus value (a C enum, so an int). 0 is success; Swift maps the rest to messages.
typedef int32_t LiteRtStatus;
typedef size_t LiteRtParamIndex;
typedef int LiteRtHwAcceleratorSet;

/// kLiteRtHwAcceleratorCpu: the compiled model refuses to build without an accelerator.
#define POSERUN_LITERT_HW_ACCELERATOR_CPU 1
/// kLiteRtEnvOptionTagMinLoggerSeverity.
#define POSERUN_LITERT_ENV_OPTION_MIN_LOGGER_SEVERITY 25
/// kLiteRtAnyTypeInt.
#define POSERUN_LITERT_ANY_TYPE_INT 2
/// Logger severity 4 (above ERROR): silences LiteRT's INFO and WARNING lines.
#define POSERUN_LITERT_LOG_SEVERITY_SILENT 4
/// kLiteRtElementTypeFloat32.
#define POSERUN_LITERT_ELEMENT_TYPE_FLOAT32 1
/// kLiteRtTensorBufferLockModeRead / Write.
#define POSERUN_LITERT_LOCK_READ 0
#define POSERUN_LITERT_LOCK_WRITE 1
/// LITERT_TENSOR_MAX_RANK.
#define POSERUN_LITERT_MAX_RANK 8

// MARK: - Structs that cross the boundary (layouts checked below)

/// LiteRtAny: a type tag and a 16-byte-aligned union of values.
typedef union {
    bool bool_value;
    int64_t int_value;
    double real_value;
    const char *str_value;
    const void *ptr_value;
} PoseRunLiteRtAnyValue;

typedef struct {
    int32_t type;
    PoseRunLiteRtAnyValue value;
} LiteRtAny;

/// LiteRtEnvOption: an option tag and its value.
typedef struct {
    int32_t tag;
    LiteRtAny value;
} LiteRtEnvOption;

/// LiteRtLayout: rank and has_strides share one 32-bit unit, then dimensions and strides.
typedef struct {
    unsigned int rank : 7;
    unsigned int has_strides : 1;
    int32_t dimensions[POSERUN_LITERT_MAX_RANK];
    uint32_t strides[POSERUN_LITERT_MAX_RANK];
} LiteRtLayout;

/// LiteRtRankedTensorType: element type and layout.
typedef struct {
    int32_t element_type;
    LiteRtLayout layout;
} LiteRtRankedTensorType;

_Static_assert(sizeof(LiteRtAny) == 16, "LiteRtAny must be 16 bytes");
_Static_assert(sizeof(LiteRtEnvOption) == 24, "LiteRtEnvOption must be 24 bytes");
_Static_assert(offsetof(LiteRtEnvOption, value) == 8, "LiteRtEnvOption.value at 8");
_Static_assert(sizeof(LiteRtLayout) == 68, "LiteRtLayout must be 68 bytes");
_Static_assert(offsetof(LiteRtLayout, dimensions) == 4, "LiteRtLayout.dimensions at 4");
_Static_assert(offsetof(LiteRtLayout, strides) == 36, "LiteRtLayout.strides at 36");
_Static_assert(sizeof(LiteRtRankedTensorType) == 72, "LiteRtRankedTensorType must be 72 bytes");
_Static_assert(offsetof(LiteRtRankedTensorType, layout) == 4, "LiteRtRankedTensorType.layout at 4");

/// Reads the rank bitfield (Swift cannot address C bitfields portably).
static inline unsigned int poserun_litert_layout_rank(const LiteRtLayout *layout) {
    return layout->rank;
}

/// Called by LiteRT when it releases a buffer built on our memory; PoseRun frees its own.
typedef void (*LiteRtHostMemoryDeallocator)(void *addr);
/// Called by LiteRT when it releases an opaque option's payload.
typedef void (*PoseRunLiteRtPayloadDestructor)(void *payload);

// MARK: - Function pointer types, one per symbol looked up with dlsym

// Environment
typedef LiteRtStatus (*LiteRtCreateEnvironmentFn)(
    int num_options, const LiteRtEnvOption *options, LiteRtEnvironment *environment);
typedef void (*LiteRtDestroyEnvironmentFn)(LiteRtEnvironment environment);

// Model and its default signature
typedef LiteRtStatus (*LiteRtCreateModelFromFileFn)(
    LiteRtEnvironment environment, const char *filename, LiteRtModel *model);
typedef void (*LiteRtDestroyModelFn)(LiteRtModel model);
typedef LiteRtStatus (*LiteRtGetNumModelSignaturesFn)(LiteRtModel model, LiteRtParamIndex *count);
typedef LiteRtStatus (*LiteRtGetModelSignatureFn)(
    LiteRtModel model, LiteRtParamIndex index, LiteRtSignature *signature);
typedef LiteRtStatus (*LiteRtGetNumSignatureInputsFn)(LiteRtSignature signature, LiteRtParamIndex *count);
typedef LiteRtStatus (*LiteRtGetNumSignatureOutputsFn)(LiteRtSignature signature, LiteRtParamIndex *count);
typedef LiteRtStatus (*LiteRtGetSignatureInputNameFn)(
    LiteRtSignature signature, LiteRtParamIndex index, const char **name);
typedef LiteRtStatus (*LiteRtGetSignatureOutputNameFn)(
    LiteRtSignature signature, LiteRtParamIndex index, const char **name);
typedef LiteRtStatus (*LiteRtGetSignatureInputTensorByIndexFn)(
    LiteRtSignature signature, LiteRtParamIndex index, LiteRtTensor *tensor);
typedef LiteRtStatus (*LiteRtGetSignatureOutputTensorByIndexFn)(
    LiteRtSignature signature, LiteRtParamIndex index, LiteRtTensor *tensor);
typedef LiteRtStatus (*LiteRtGetRankedTensorTypeFn)(LiteRtTensor tensor, LiteRtRankedTensorType *type);

// Compilation options
typedef LiteRtStatus (*LiteRtCreateOptionsFn)(LiteRtOptions *options);
typedef void (*LiteRtDestroyOptionsFn)(LiteRtOptions options);
typedef LiteRtStatus (*LiteRtSetOptionsHardwareAcceleratorsFn)(
    LiteRtOptions options, LiteRtHwAcceleratorSet accelerators);
typedef LiteRtStatus (*LiteRtCreateOpaqueOptionsFn)(
    const char *payload_identifier, void *payload_data,
    PoseRunLiteRtPayloadDestructor payload_destructor, LiteRtOpaqueOptions *options);
typedef void (*LiteRtDestroyOpaqueOptionsFn)(LiteRtOpaqueOptions options);
typedef LiteRtStatus (*LiteRtAddOpaqueOptionsFn)(LiteRtOptions options, LiteRtOpaqueOptions opaque);

// Compiled model
typedef LiteRtStatus (*LiteRtCreateCompiledModelFn)(
    LiteRtEnvironment environment, LiteRtModel model, LiteRtOptions options,
    LiteRtCompiledModel *compiled_model);
typedef void (*LiteRtDestroyCompiledModelFn)(LiteRtCompiledModel compiled_model);
typedef LiteRtStatus (*LiteRtGetCompiledModelInputBufferRequirementsFn)(
    LiteRtCompiledModel compiled_model, LiteRtParamIndex signature_index,
    LiteRtParamIndex input_index, LiteRtTensorBufferRequirements *requirements);
typedef LiteRtStatus (*LiteRtGetCompiledModelOutputBufferRequirementsFn)(
    LiteRtCompiledModel compiled_model, LiteRtParamIndex signature_index,
    LiteRtParamIndex output_index, LiteRtTensorBufferRequirements *requirements);
typedef LiteRtStatus (*LiteRtGetTensorBufferRequirementsBufferSizeFn)(
    LiteRtTensorBufferRequirements requirements, size_t *buffer_size);
typedef LiteRtStatus (*LiteRtRunCompiledModelFn)(
    LiteRtCompiledModel compiled_model, LiteRtParamIndex signature_index,
    size_t num_input_buffers, LiteRtTensorBuffer *input_buffers,
    size_t num_output_buffers, LiteRtTensorBuffer *output_buffers);

// Tensor buffers over PoseRun's own 64-byte aligned host memory
typedef LiteRtStatus (*LiteRtCreateTensorBufferFromHostMemoryFn)(
    const LiteRtRankedTensorType *tensor_type, void *host_buffer_addr, size_t host_buffer_size,
    LiteRtHostMemoryDeallocator deallocator, LiteRtTensorBuffer *buffer);
typedef void (*LiteRtDestroyTensorBufferFn)(LiteRtTensorBuffer buffer);
typedef LiteRtStatus (*LiteRtGetTensorBufferPackedSizeFn)(LiteRtTensorBuffer buffer, size_t *size);
typedef LiteRtStatus (*LiteRtLockTensorBufferFn)(
    LiteRtTensorBuffer buffer, void **host_memory_addr, int32_t lock_mode);
typedef LiteRtStatus (*LiteRtUnlockTensorBufferFn)(LiteRtTensorBuffer buffer);

#endif  // POSERUN_LITERT_DECLARATIONS_H
