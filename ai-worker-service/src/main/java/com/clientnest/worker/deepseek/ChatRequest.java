package com.clientnest.worker.deepseek;

import java.util.List;

/** What the worker asks DeepSeek: always JSON output, model chosen by configuration. */
public record ChatRequest(List<ChatMessage> messages, double temperature, int maxTokens) {}
