package vlmscope.cli;

import org.junit.jupiter.api.Test;
import vlmscope.VlmscopeException;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayerRangeTest {

    @Test
    void listKeepsTheWrittenOrderAndSortedListSortsAndDeduplicates() {
        assertEquals(List.of(12, 13, 14), LayerRange.list("12-14", 32));
        assertEquals(List.of(7, 1, 2, 3, 2), LayerRange.list("7, 1 - 3 ,2", 32));
        assertArrayEquals(new int[] {1, 2, 3, 7}, LayerRange.sortedList("7, 1 - 3 ,2", 32));
        assertEquals(List.of(5), LayerRange.list("5", 32));
    }

    @Test
    void listRejectsBackwardAndMalformedRangesNamingTheBlocks() {
        for (String bad : new String[] {"3-1", "a", "1-2-3", "", "-1", "2-", "-2", "1,,2", "1,", "2 - -3", "99999999999"}) {
            VlmscopeException e = assertThrows(VlmscopeException.class, () -> LayerRange.list(bad, 4), bad);
            assertTrue(e.getMessage().contains("blocks 0..3"), e.getMessage());
        }
    }

    @Test
    void blocksTheModelDoesNotHaveAreRefusedNamingTheBlockCount() {
        for (String bad : new String[] {"4", "2-4", "0,7"}) {
            VlmscopeException e = assertThrows(VlmscopeException.class, () -> LayerRange.list(bad, 4), bad);
            assertTrue(e.getMessage().contains("outside the model's blocks 0..3 (it has 4)"), e.getMessage());
            assertTrue(e.getMessage().contains("Fix: use blocks 0..3"), e.getMessage());
        }
        assertThrows(VlmscopeException.class, () -> LayerRange.span("2-6", 6));
        assertThrows(VlmscopeException.class, () -> LayerRange.sortedList("6", 6));
    }

    @Test
    void spanIsOneRangeOrEveryBlock() {
        assertArrayEquals(new int[] {0, 5}, LayerRange.span(null, 6));
        assertArrayEquals(new int[] {2, 4}, LayerRange.span(" 2-4 ", 6));
        assertArrayEquals(new int[] {3, 3}, LayerRange.span("3", 6));
        assertThrows(VlmscopeException.class, () -> LayerRange.span("1,2", 6));
        assertThrows(VlmscopeException.class, () -> LayerRange.span("2-", 6), "an open range is not 'layer 2 only'");
    }
}
