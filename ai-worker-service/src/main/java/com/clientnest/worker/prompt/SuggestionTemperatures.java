package com.clientnest.worker.prompt;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The temperatures of the variants of a content-suggestions request: the seed's {@code 0.8 + i * 0.1}, starting from
 * the request's own temperature when it gives one, and capped at DeepSeek's maximum of 2.0, so ten variants from
 * 0.8 run up to 1.7. Decimal steps, so the third variant is 1.0 and not 1.0000000000000002: the temperatures are
 * shown to users and compared by a response cache.
 */
public final class SuggestionTemperatures {

    public static final double DEFAULT_START = 0.8;
    public static final double STEP = 0.1;
    public static final double DEEPSEEK_MAX = 2.0;
    public static final int MAX_VARIANTS = 10;

    private SuggestionTemperatures() {}

    /**
     * @param start the request's temperature, or null for the default
     * @param variants how many, 1 to {@link #MAX_VARIANTS}
     */
    public static List<Double> of(Double start, int variants) {
        if (variants < 1 || variants > MAX_VARIANTS) {
            throw new IllegalArgumentException(
                    "A suggestions request asks for 1 to " + MAX_VARIANTS + " variants, not " + variants);
        }
        BigDecimal first = BigDecimal.valueOf(start == null ? DEFAULT_START : start);
        BigDecimal max = BigDecimal.valueOf(DEEPSEEK_MAX);
        List<Double> temperatures = new ArrayList<>(variants);
        for (int i = 0; i < variants; i++) {
            BigDecimal temperature = first.add(BigDecimal.valueOf(STEP).multiply(BigDecimal.valueOf(i)));
            temperatures.add(temperature.min(max).doubleValue());
        }
        return List.copyOf(temperatures);
    }
}
