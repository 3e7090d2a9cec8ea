package vlmscope.experiments.swap;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Where swap samples come from; samples are made on demand so that only one sample's images are in memory. */
public interface SwapSampleSource {

    /** How many samples the source can give. */
    int size();

    /** Sample {@code i} (0-based); the same i always gives the same sample. */
    SwapSample sample(int i);

    /** Everything about the source that changes the samples (goes into the results header's settings). */
    ObjectNode settings();
}
