package vlmscope.tensor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import vlmscope.Json;
import vlmscope.VlmscopeException;

/**
 * A parsed and validated safetensors header: 8-byte little-endian length N, N bytes of JSON, then the data section.
 * Every inconsistency becomes a {@link VlmscopeException} that names the file.
 *
 * @param tensors   entries by name, sorted
 * @param metadata  the {@code __metadata__} strings (empty if absent)
 * @param dataStart file offset of the data section ({@code 8 + N})
 */
record SafetensorsHeader(SortedMap<String, TensorInfo> tensors, Map<String, String> metadata, long dataStart) {

    /** The limit the Python reference implementation enforces. */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = Json.STRICT;
    private static final String REDOWNLOAD = "re-download or re-export the file; a safetensors file is an 8-byte"
            + " little-endian header length, a JSON header, then the tensor bytes";

    /** Parses the header of {@code file}, whose whole content is {@code bytes}. */
    static SafetensorsHeader parse(Path file, MemorySegment bytes) {
        long fileSize = bytes.byteSize();
        if (fileSize < 8) {
            throw VlmscopeException.badInput(file, "truncated file: expected at least 8 bytes, found " + fileSize,
                    REDOWNLOAD);
        }
        long headerLength = bytes.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > fileSize) {
            throw VlmscopeException.badInput(file, "bad header length " + Long.toUnsignedString(headerLength)
                    + " (the file has " + fileSize + " bytes; the header may be at most "
                    + Math.min(MAX_HEADER_BYTES, fileSize - 8) + ")", "check this is a safetensors file and not"
                    + " truncated or a Git LFS pointer; " + REDOWNLOAD);
        }
        long dataStart = 8 + headerLength;
        JsonNode root = readJson(file, bytes.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE));
        Map<String, String> metadata = Map.of();
        SortedMap<String, TensorInfo> tensors = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getKey().equals(METADATA_KEY)) {
                metadata = readMetadata(file, entry.getValue());
            } else {
                tensors.put(entry.getKey(), readTensor(file, entry.getKey(), entry.getValue()));
            }
        }
        checkOffsets(file, tensors.values(), fileSize - dataStart, dataStart);
        return new SafetensorsHeader(Collections.unmodifiableSortedMap(tensors), metadata, dataStart);
    }

    private static JsonNode readJson(Path file, byte[] header) {
        JsonNode root;
        try {
            root = JSON.readTree(header);
        } catch (JsonProcessingException e) {
            throw VlmscopeException.badInput(file, "header JSON invalid: " + e.getOriginalMessage(), REDOWNLOAD, e);
        } catch (java.io.IOException e) {
            throw VlmscopeException.badInput(file, "header JSON invalid: " + e.getMessage(), REDOWNLOAD, e);
        }
        if (root == null || !root.isObject()) {
            throw VlmscopeException.badInput(file, "header JSON invalid: the header is not a JSON object",
                    REDOWNLOAD);
        }
        return root;
    }

    private static Map<String, String> readMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw invalid(file, METADATA_KEY + " is not an object of strings");
        }
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw invalid(file, METADATA_KEY + " value '" + entry.getKey() + "' is not a string");
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
        return Collections.unmodifiableMap(metadata);
    }

    private static TensorInfo readTensor(Path file, String name, JsonNode node) {
        if (!node.isObject()) throw invalid(file, "tensor " + name + " is not an object");
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw invalid(file, "tensor " + name + " has no string 'dtype'");
        }
        long[] shape = readLongs(file, name, node, "shape", -1);
        long[] offsets = readLongs(file, name, node, "data_offsets", 2);
        DType dtype = DType.fromHeaderName(dtypeNode.textValue()).orElseThrow(() -> VlmscopeException.badInput(
                file, "dtype unsupported: tensor " + name + " has dtype '" + dtypeNode.textValue()
                        + "'; vlmscope knows " + Arrays.toString(DType.values()),
                "convert the checkpoint to F32, F16 or BF16 (e.g. in Python: load it and save_file(...) after"
                        + " .to(torch.float32))"));
        return new TensorInfo(name, dtype, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of non-negative integers under {@code key}; {@code length} -1 means any length. */
    private static long[] readLongs(Path file, String name, JsonNode tensor, String key, int length) {
        JsonNode node = tensor.get(key);
        if (node == null || !node.isArray() || (length >= 0 && node.size() != length)) {
            throw invalid(file, "tensor " + name + " has no '" + key + "' array"
                    + (length >= 0 ? " of " + length + " integers" : ""));
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode item = node.get(i);
            if (!item.canConvertToExactIntegral() || !item.canConvertToLong() || item.asLong() < 0) {
                throw invalid(file, "tensor " + name + " has a '" + key + "' entry that is not a non-negative"
                        + " integer: " + item);
            }
            values[i] = item.asLong();
        }
        return values;
    }

    private static void checkOffsets(Path file, Iterable<TensorInfo> tensors, long dataSize, long dataStart) {
        List<TensorInfo> byBegin = new ArrayList<>();
        long maxEnd = 0;
        for (TensorInfo tensor : tensors) {
            long expectedBytes;
            try {
                expectedBytes = tensor.byteSize();
            } catch (ArithmeticException e) {
                throw outOfRange(file, tensor.name() + " has shape " + Arrays.toString(tensor.shape())
                        + " whose byte size overflows");
            }
            if (tensor.dataEnd() < tensor.dataBegin()) {
                throw outOfRange(file, tensor.name() + " has data_offsets [" + tensor.dataBegin() + ", "
                        + tensor.dataEnd() + "] out of order");
            }
            if (tensor.dataEnd() - tensor.dataBegin() != expectedBytes) {
                throw outOfRange(file, tensor.name() + " has data_offsets [" + tensor.dataBegin() + ", "
                        + tensor.dataEnd() + "] spanning " + (tensor.dataEnd() - tensor.dataBegin())
                        + " bytes but " + tensor.dtype() + " " + Arrays.toString(tensor.shape()) + " needs "
                        + expectedBytes);
            }
            maxEnd = Math.max(maxEnd, tensor.dataEnd());
            byBegin.add(tensor);
        }
        if (maxEnd > dataSize) {
            throw VlmscopeException.badInput(file, "truncated file: expected at least " + (dataStart + maxEnd)
                    + " bytes, found " + (dataStart + dataSize), "re-download the file (the copy is incomplete)");
        }
        byBegin.sort(Comparator.comparingLong(TensorInfo::dataBegin).thenComparingLong(TensorInfo::dataEnd));
        for (int i = 1; i < byBegin.size(); i++) {
            TensorInfo previous = byBegin.get(i - 1);
            TensorInfo current = byBegin.get(i);
            if (current.dataBegin() < previous.dataEnd()) {
                throw outOfRange(file, "tensors " + previous.name() + " and " + current.name()
                        + " overlap in the data section");
            }
        }
    }

    private static VlmscopeException invalid(Path file, String problem) {
        return VlmscopeException.badInput(file, "header JSON invalid: " + problem, REDOWNLOAD);
    }

    private static VlmscopeException outOfRange(Path file, String problem) {
        return VlmscopeException.badInput(file, "offsets out of range: " + problem, REDOWNLOAD);
    }
}
