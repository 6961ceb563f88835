# One image per service, from the runnable jar Maven builds: ./mvnw package -DskipTests, then
# docker compose build. MODULE is the Maven module (gateway-service, ai-worker-service, cost-service,
# deepseek-simulator).
FROM eclipse-temurin:25.0.1_8-jre
ARG MODULE
RUN useradd --system --uid 10001 clientnest
USER clientnest
WORKDIR /app
COPY ${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT-exec.jar /app/service.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]
