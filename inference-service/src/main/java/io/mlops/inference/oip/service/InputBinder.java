package io.mlops.inference.oip.service;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.mlops.events.registry.TensorSpec;
import io.mlops.inference.error.InferenceErrors;
import io.mlops.inference.model.runtime.InputTensors;
import io.mlops.inference.model.runtime.ModelSignature;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request's tensors against the model's real signature (names, datatypes, shapes, batch
 * size) and turns them into ONNX Runtime tensors. Every refusal is a 400 (413 for the batch limit)
 * whose message names the input, as OIP clients show {@code error} to their users.
 */
public final class InputBinder {

    private InputBinder() {
    }

    public static void check(String model, ModelSignature signature, List<InferInput> inputs, List<String> outputs,
                             int maxBatch) {
        Set<String> given = new LinkedHashSet<>();
        for (InferInput input : inputs) {
            String path = "inputs[" + input.index() + "]";
            if (!given.add(input.name())) {
                throw InferenceErrors.invalidInput(path + ".name", "Input '" + input.name() + "' is given twice");
            }
            TensorSpec spec = signature.input(input.name());
            if (spec == null) {
                throw InferenceErrors.invalidInput(path + ".name", "Model '" + model + "' has no input '" + input.name()
                        + "'; its inputs are " + signature.inputsByName().keySet());
            }
            if (spec.datatype() != input.datatype()) {
                throw InferenceErrors.invalidInput(path + ".datatype", "Input '" + input.name() + "' is "
                        + input.datatype() + " but the model takes " + spec.datatype());
            }
            checkShape(input, spec, path + ".shape", maxBatch);
        }
        for (TensorSpec spec : signature.inputs()) {
            if (!given.contains(spec.name())) {
                throw InferenceErrors.invalidInput("inputs", "Input '" + spec.name() + "' (" + spec.datatype() + " "
                        + spec.shape() + ") is missing");
            }
        }
        if (outputs != null) {
            for (int i = 0; i < outputs.size(); i++) {
                if (signature.output(outputs.get(i)) == null) {
                    throw InferenceErrors.invalidInput("outputs[" + i + "].name", "Model '" + model + "' has no output '"
                            + outputs.get(i) + "'; its outputs are " + signature.outputsByName().keySet());
                }
            }
        }
    }

    /** ONNX Runtime tensors for checked inputs; the caller closes them after the run. */
    public static Map<String, OnnxTensor> bind(OrtEnvironment env, List<InferInput> inputs) throws OrtException {
        Map<String, OnnxTensor> tensors = new HashMap<>(inputs.size() * 2);
        try {
            for (int i = 0; i < inputs.size(); i++) {
                InferInput input = inputs.get(i);
                tensors.put(input.name(), InputTensors.create(env, i, input.datatype(), input.shape(), input.data()));
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw e;
        }
        return tensors;
    }

    private static void checkShape(InferInput input, TensorSpec spec, String path, int maxBatch) {
        List<Long> expected = spec.shape();
        long[] actual = input.shape();
        boolean fits = expected.size() == actual.length;
        for (int d = 0; fits && d < actual.length; d++) {
            long want = expected.get(d);
            fits = want < 0 ? actual[d] >= 1 : actual[d] == want;
        }
        if (!fits) {
            throw InferenceErrors.invalidInput(path, "Input '" + input.name() + "' has shape " + Arrays.toString(actual)
                    + " but the model takes " + expected.toString().replace("-1", "n"));
        }
        if (!expected.isEmpty() && expected.get(0) < 0 && actual[0] > maxBatch) {
            throw InferenceErrors.tooLarge("Input '" + input.name() + "' has a batch of " + actual[0]
                    + " rows; at most " + maxBatch + " are accepted per request");
        }
    }
}
