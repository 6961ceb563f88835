package com.clientnest.gateway.status;

import com.clientnest.gateway.status.ResultViews.ErrorView;
import com.clientnest.gateway.status.ResultViews.ResultView;
import java.time.Instant;

/** The final state a result event puts a request in: a result when it completed, an error otherwise. */
record RequestOutcome(RequestStatus status, ResultView result, ErrorView error, Instant completedAt) {}
