package com.clientnest.simulator;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One simulator on a free port per test class, back to its start settings before every test, with an HTTP
 * client pointed at it: {@code @RegisterExtension static final RunningSimulator running = new RunningSimulator();}
 */
final class RunningSimulator implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private DeepSeekSimulator simulator;
    private SimulatorHttp http;

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator = DeepSeekSimulator.start(SimulatorSettings.defaults().withPort(0));
        http = new SimulatorHttp(simulator);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.close();
    }

    DeepSeekSimulator simulator() {
        return simulator;
    }

    SimulatorHttp http() {
        return http;
    }
}
