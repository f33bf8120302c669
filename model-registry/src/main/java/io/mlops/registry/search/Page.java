package io.mlops.registry.search;

import java.util.List;

/** Rows of one page and the token of the next, {@code null} on the last page. */
public record Page<T>(List<T> items, String nextPageToken) {

    /** Cuts the one extra row a query fetched to learn whether another page follows. */
    public static <T> Page<T> of(List<T> rowsPlusOne, PageRequest request) {
        if (rowsPlusOne.size() > request.size()) {
            return new Page<>(List.copyOf(rowsPlusOne.subList(0, request.size())), request.nextToken());
        }
        return new Page<>(List.copyOf(rowsPlusOne), null);
    }
}
