package com.clientnest.local.compose;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The environment variables one service reads: the {@code ${NAME}} placeholders of its configuration file and
 * main class, and the names Spring Boot's relaxed binding maps onto a property it declares: its own
 * {@code @ConfigurationProperties} records and the suite's shared ones in common-schemas, or Spring Boot's
 * documented properties.
 */
record ServiceEnvironment(Set<String> placeholders, Set<String> propertyEnvNames) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SHARED_PACKAGE = "com.clientnest.schemas";

    static ServiceEnvironment of(Path module, String basePackage) throws IOException {
        Set<String> placeholders = new HashSet<>();
        try (Stream<Path> files = Files.walk(module.resolve("src/main"))) {
            for (Path file : files.filter(ServiceEnvironment::readsEnvironment).toList()) {
                Matcher found = PLACEHOLDER.matcher(Files.readString(file));
                while (found.find()) {
                    placeholders.add(found.group(1));
                }
            }
        }
        Set<String> properties = new HashSet<>(springBootProperties());
        properties.addAll(ownProperties(basePackage));
        // Every service imports the suite's shared settings (clientnest.kafka.*) from common-schemas.
        properties.addAll(ownProperties(SHARED_PACKAGE));
        Set<String> envNames = new HashSet<>();
        properties.forEach(property -> envNames.addAll(envNamesOf(property)));
        return new ServiceEnvironment(placeholders, envNames);
    }

    boolean reads(String envName) {
        return placeholders.contains(envName) || propertyEnvNames.contains(envName);
    }

    private static boolean readsEnvironment(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yml") || name.endsWith("Application.java");
    }

    // Relaxed binding: dots become underscores; dashes are dropped, or (the legacy form) become underscores too.
    private static Set<String> envNamesOf(String property) {
        String upper = property.toUpperCase(Locale.ROOT).replace('.', '_');
        return new HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }

    private static Set<String> springBootProperties() throws IOException {
        Set<String> names = new HashSet<>();
        Enumeration<URL> resources =
                ServiceEnvironment.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
        while (resources.hasMoreElements()) {
            URL resource = resources.nextElement();
            if (!resource.toString().contains("/org/springframework/")) {
                continue; // only Spring Boot's jars: a service must not pass for reading another's properties
            }
            try (InputStream in = resource.openStream()) {
                for (JsonNode property : JSON.readTree(in).path("properties")) {
                    names.add(property.path("name").asString());
                }
            }
        }
        return names;
    }

    // The configuration processor's metadata is not generated on every JDK, so the records are read directly.
    private static Set<String> ownProperties(String basePackage) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        Set<String> names = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = load(candidate.getBeanClassName());
            ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
            String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
            collect(prefix, type, names);
        }
        return names;
    }

    private static void collect(String prefix, Class<?> type, Set<String> names) {
        if (!type.isRecord()) {
            throw new IllegalStateException(type + " is not a record; teach this test its JavaBean properties");
        }
        for (RecordComponent component : type.getRecordComponents()) {
            String name = prefix + "." + kebab(component.getName());
            Class<?> value = component.getType();
            if (value.isRecord() && value.getPackageName().startsWith("com.clientnest")) {
                collect(name, value, names);
            } else {
                names.add(name);
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ServiceEnvironment.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
