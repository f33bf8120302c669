package io.mlops.events.registry;

/** Open Inference Protocol v2 tensor datatypes, spelled as the protocol writes them. */
public enum Datatype {
    BOOL,
    UINT8,
    UINT16,
    UINT32,
    UINT64,
    INT8,
    INT16,
    INT32,
    INT64,
    FP16,
    FP32,
    FP64,
    BYTES
}
