package com.clientnest.gateway.deadletters;

import com.clientnest.gateway.auth.ApiKeyAuthenticator;
import com.clientnest.gateway.auth.Caller;
import com.clientnest.gateway.auth.Role;
import com.clientnest.gateway.problem.ProblemException;
import com.clientnest.gateway.status.OpsTransitions;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ops desk as a server-rendered page: log in with an ops (or admin) key, list and filter dead letters, inspect
 * one, replay or discard it. Every action goes through the same {@link DeadLetterDesk} as the API, so it is
 * refused and audited the same way; posts are checked against the session's form token.
 */
@Controller
@RequestMapping("/ops")
class OpsPageController {

    private static final int PAGE_SIZE = 50;

    private final DeadLetterDesk desk;
    private final LetterPresenter presenter;
    private final ApiKeyAuthenticator authenticator;
    private final OpsTransitions requests;
    private final JsonMapper json;

    OpsPageController(
            DeadLetterDesk desk,
            LetterPresenter presenter,
            ApiKeyAuthenticator authenticator,
            OpsTransitions requests,
            JsonMapper json) {
        this.desk = desk;
        this.presenter = presenter;
        this.authenticator = authenticator;
        this.requests = requests;
        this.json = json;
    }

    @GetMapping("/login")
    String loginForm(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", OpsSession.token(request));
        return "ops/login";
    }

    @PostMapping("/login")
    String logIn(
            @RequestParam(required = false) String apiKey,
            @RequestParam(name = OpsSession.TOKEN_FIELD, required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!OpsSession.tokenMatches(request, token)) {
            return forbidden(response, model, request);
        }
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(apiKey);
        } catch (ProblemException disabled) {
            caller = Optional.empty();
        }
        if (caller.isEmpty() || !(caller.get().hasRole(Role.OPS) || caller.get().hasRole(Role.ADMIN))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            model.addAttribute("error", "That key does not belong to an ops user.");
            model.addAttribute("csrf", OpsSession.token(request));
            return "ops/login";
        }
        OpsSession.logIn(request, caller.get());
        return "redirect:/ops";
    }

    @PostMapping("/logout")
    String logOut(
            @RequestParam(name = OpsSession.TOKEN_FIELD, required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        if (!OpsSession.tokenMatches(request, token)) {
            return forbidden(response, model, request);
        }
        OpsSession.logOut(request);
        return "redirect:/ops/login";
    }

    @GetMapping
    String list(
            @RequestParam(required = false) String topic,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String userId,
            @RequestParam(required = false, defaultValue = "OPEN") String state,
            @RequestParam(required = false) String cursor,
            HttpServletRequest request,
            Model model) {
        Optional<Caller> caller = OpsSession.caller(request);
        if (caller.isEmpty()) {
            return "redirect:/ops/login";
        }
        LetterFilter filter = new LetterFilter(
                blankToNull(topic),
                blankToNull(reason),
                blankToNull(type),
                blankToNull(userId),
                state(state),
                null,
                null);
        model.addAttribute("page", presenter.page(desk.list(filter, Cursor.parse(blankToNull(cursor)), PAGE_SIZE)));
        model.addAttribute("filter", filter);
        model.addAttribute("state", state);
        return page(model, request, caller.get(), "ops/letters");
    }

    @GetMapping("/letters/{id}")
    String letter(@PathVariable long id, HttpServletRequest request, Model model) {
        Optional<Caller> caller = OpsSession.caller(request);
        if (caller.isEmpty()) {
            return "redirect:/ops/login";
        }
        StoredLetter letter = desk.find(id);
        LetterViews.Detail detail = presenter.detail(letter);
        model.addAttribute("letter", detail);
        model.addAttribute(
                "eventText",
                detail.event() == null
                        ? "Not an event of the suite (kept as bytes)"
                        : json.writerWithDefaultPrettyPrinter().writeValueAsString(detail.event()));
        model.addAttribute(
                "requestStatus",
                letter.requestId() == null
                        ? null
                        : requests.statusOf(letter.requestId()).orElse(null));
        return page(model, request, caller.get(), "ops/letter");
    }

    @PostMapping("/letters/{id}/replay")
    String replay(
            @PathVariable long id,
            @RequestParam(name = OpsSession.TOKEN_FIELD, required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        return act(id, token, request, response, model, redirect, actor -> {
            desk.replay(id, actor);
            return "Replayed: the request is queued on its lane again.";
        });
    }

    @PostMapping("/letters/{id}/discard")
    String discard(
            @PathVariable long id,
            @RequestParam(required = false) String note,
            @RequestParam(name = OpsSession.TOKEN_FIELD, required = false) String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect) {
        String cleaned = note == null ? "" : note.strip();
        return act(id, token, request, response, model, redirect, actor -> {
            if (cleaned.isEmpty() || cleaned.length() > 1000 || cleaned.indexOf('\u0000') >= 0) {
                throw new InvalidNote();
            }
            desk.discard(id, cleaned, actor);
            return "Discarded with your note.";
        });
    }

    /** What a form does to a letter, given who does it; returns the notice shown after. */
    private interface LetterAction {
        String perform(OpsAudit.Actor actor);
    }

    private static final class InvalidNote extends RuntimeException {}

    /**
     * A form's action on one letter: a logged-in operator and the session's form token first, then the action,
     * its notice or its refusal shown on the letter's page.
     */
    private String act(
            long id,
            String token,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model,
            RedirectAttributes redirect,
            LetterAction action) {
        Optional<Caller> caller = OpsSession.caller(request);
        if (caller.isEmpty()) {
            return "redirect:/ops/login";
        }
        if (!OpsSession.tokenMatches(request, token)) {
            return forbidden(response, model, request);
        }
        try {
            redirect.addFlashAttribute("notice", action.perform(DeadLetterController.actor(caller.get())));
        } catch (InvalidNote e) {
            redirect.addFlashAttribute("error", "A discard needs a note of 1 to 1000 characters.");
        } catch (ProblemException refused) {
            redirect.addFlashAttribute("error", refused.code().code() + ": " + refused.getMessage());
        }
        return "redirect:/ops/letters/" + id;
    }

    private static String page(Model model, HttpServletRequest request, Caller caller, String view) {
        model.addAttribute("operator", caller.name());
        model.addAttribute("csrf", OpsSession.token(request));
        return view;
    }

    private static String forbidden(HttpServletResponse response, Model model, HttpServletRequest request) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("error", "The form was stale or forged; please try again.");
        model.addAttribute("csrf", OpsSession.token(request));
        return "ops/login";
    }

    private static LetterState state(String state) {
        try {
            return "ALL".equals(state) ? null : LetterState.valueOf(state);
        } catch (IllegalArgumentException e) {
            return LetterState.OPEN;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
