package com.clientnest.cost.pricing;

import com.clientnest.schemas.pricing.OffPeakWindow;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * DeepSeek prices, as configuration: they change more often than this code.
 *
 * @param defaultModel the model whose prices apply to a model this configuration does not know
 * @param offPeakWindow when the off-peak prices apply, in UTC
 * @param models prices by model name as it appears in the usage events, e.g. {@code deepseek-flash}
 */
@Validated
@ConfigurationProperties("clientnest.cost.prices")
public record PriceProperties(
        @NotBlank String defaultModel,
        @Valid @NotNull OffPeakWindow offPeakWindow,
        @NotEmpty Map<String, @Valid @NotNull ModelPrices> models) {

    public PriceProperties {
        if (models != null && defaultModel != null && !models.containsKey(defaultModel)) {
            throw new IllegalArgumentException(
                    "The default model '" + defaultModel + "' has no prices; priced models are " + models.keySet());
        }
        models = models == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(models));
    }
}
