using System.Text.Json;
using PayHub.Admin;
using PayHub.Hosting;
using PayHub.Storage;

namespace PayHub.Sandbox;

/// <summary>
/// The sandbox controls: <c>/sandbox/inbox/{name}</c> (the push receiver) and <c>/admin/sandbox/…</c>. On a
/// database that is not a sandbox every one of them answers 404, as if it did not exist.
/// </summary>
public static class SandboxEndpoints
{
    public static IEndpointRouteBuilder MapSandbox(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sandbox/inbox/{name}", async (string name, HttpContext http, SandboxInbox inbox) =>
        {
            if (!SandboxInbox.IsName(name))
            {
                return Results.NotFound();
            }

            var body = await RequestBody.ReadAsync(http.Request, 64 * 1024, http.RequestAborted);
            if (body is null)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            var headers = http.Request.Headers.Select(h => new KeyValuePair<string, string>(h.Key, h.Value.ToString()));
            var status = await inbox.ReceiveAsync(name, headers, body, http.RequestAborted);
            return status == StatusCodes.Status200OK ? Results.Text("SUCCESS") : Results.StatusCode(status);
        })
        .AddEndpointFilter(SandboxOnly)
        .WithTags("Sandbox").WithGroupName(ApiDocuments.Admin).WithName("SandboxInboxReceive").Produces<string>(200, "text/plain").ProducesProblem(404).ProducesProblem(403).WithSummary("The sandbox's push receiver: keeps the message and acknowledges, or fails as the inbox is told to");
        return app;
    }

    public static RouteGroupBuilder MapSandboxAdmin(this RouteGroupBuilder admin)
    {
        var sandbox = admin.MapGroup("/sandbox").AddEndpointFilter(SandboxOnly).WithTags("Sandbox");
        sandbox.MapGet("/inbox/{name}", (string name, SandboxInboxStore store) =>
            TypedResults.Ok(store.Messages(name).Select(m => new InboxMessageView(
                m.MessageId, m.ReceivedAt, JsonDocument.Parse(m.Headers).RootElement.Clone(), m.Body, m.SignValid == 1, (int)m.Answered)).ToList()))
            .WithName("ListSandboxInbox").WithSummary("What the inbox received, newest first (up to 200), each with whether its sign verifies");

        sandbox.MapPut("/inbox/{name}", (string name, InboxSetting body, SandboxInboxStore store) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (!SandboxInbox.IsName(name))
            {
                errors["name"] = ["1 to 64 letters, digits, -, _ or ."];
            }

            if (body.FailStatus is not (null or (>= 400 and <= 599)))
            {
                errors["failStatus"] = ["an HTTP status from 400 to 599, or null to acknowledge"];
            }

            if (body.DelayMs is not (null or (>= 0 and <= 30_000)))
            {
                errors["delayMs"] = ["0 to 30000"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            store.SetSetting(name, body);
            return Results.Ok(new InboxSetting(body.FailStatus, body.DelayMs ?? 0));
        }).WithName("SetSandboxInbox").Produces<InboxSetting>(200).ProducesValidationProblem().ProducesProblem(403).WithSummary("How the inbox answers: {failStatus: 500 or null to acknowledge, delayMs}");

        sandbox.MapGet("/triggers", (SandboxTriggers triggers) => TypedResults.Ok(new TriggersView(
                TriggerCatalogue.Prefix,
                $"a value starts with {TriggerCatalogue.Prefix}, then optionally _ or -, then the trigger's word; anything may follow (to keep sequence numbers unique)",
                [.. Families.Select(f => triggers.Catalogues.Single(c => c.Family == f)).Select(c => new TriggerFamilyView(c.Family, c.Carrier, c.Triggers, c.Provoked))])))
            .WithName("ListSandboxTriggers").WithSummary("The values that steer a sandbox's answers, per family, and how to provoke the codes no value gives");

        sandbox.MapPost("/reset", async (HttpContext http, SandboxReset reset, bool? demo) =>
            Results.Ok(new ResetDone(await reset.ResetAsync(demo ?? true, http.TraceIdentifier), demo ?? true)))
            .WithName("ResetSandbox").Produces<ResetDone>(200).ProducesProblem(403).WithSummary("Puts the business data back to the demo (?demo=false: empty), in one transaction; tokens, settings and the audit trail stay");

        sandbox.MapGet("/clock", (SandboxClockStore store, TimeProvider real) => TypedResults.Ok(Clocks(store, real)))
            .WithName("GetSandboxClocks").WithSummary("Real time, and the business time of the sandbox and of each caller with a clock of its own");
        sandbox.MapPut("/clock", (ClockChange body, SandboxClockStore store, BusinessClock clock, TimeProvider real) => SetClock("*", body, store, clock, real))
            .WithName("SetSandboxClock").Produces<ClockView>(200).ProducesProblem(403).WithSummary("The sandbox's business time: {offsetMs} from real time, or {frozenAt}");
        sandbox.MapPut("/clock/{family}/{caller}", (string family, string caller, ClockChange body, SandboxClockStore store, BusinessClock clock, TimeProvider real) =>
            Families.Contains(family) ? SetClock(family + ":" + caller, body, store, clock, real) : AdminApi.NotFound("No family " + family + " (utility, dsp, global, risk)"))
            .WithName("SetCallerClock").Produces<ClockView>(200).ProducesProblem(404).ProducesProblem(403).WithSummary("One caller's business time (an institution, front-end, integrator or agent), which wins over the sandbox's for its requests");
        sandbox.MapDelete("/clock", (SandboxClockStore store, BusinessClock clock) => RemoveClock("*", store, clock))
            .WithName("ResetSandboxClock").Produces(204).ProducesProblem(403).WithSummary("The sandbox's business time is real time again");
        sandbox.MapDelete("/clock/{family}/{caller}", (string family, string caller, SandboxClockStore store, BusinessClock clock) => RemoveClock(family + ":" + caller, store, clock))
            .WithName("ResetCallerClock").Produces(204).ProducesProblem(403).WithSummary("The caller reads the sandbox's business time again");

        sandbox.MapGet("/faults", (SandboxFaultStore store) => TypedResults.Ok(store.All()))
            .WithName("ListSandboxFaults").WithSummary("The faults set for callers, with how many of their requests were seen since");
        sandbox.MapPut("/faults/{family}/{caller}", (string family, string caller, FaultChange body, SandboxFaultStore store, FaultInjection faults) =>
        {
            if (!Families.Contains(family))
            {
                return AdminApi.NotFound("No family " + family + " (utility, dsp, global, risk)");
            }

            if (AdminApi.Invalid(CheckFault(family, body)) is { } invalid)
            {
                return invalid;
            }

            store.Set(family + ":" + caller, body);
            faults.Forget();
            return Results.Ok(store.All().Single(f => f.Scope == family + ":" + caller));
        }).WithName("SetSandboxFault").Produces<FaultView>(200).ProducesProblem(404).ProducesValidationProblem().ProducesProblem(403).WithSummary("A fault on the caller's next count requests, or a seeded fraction of them: latency (delayMs), drop, system-error, truncate");
        sandbox.MapDelete("/faults/{family}/{caller}", (string family, string caller, SandboxFaultStore store, FaultInjection faults) =>
        {
            var removed = store.Remove(family + ":" + caller);
            faults.Forget();
            return removed ? Results.NoContent() : AdminApi.NotFound($"No fault for {family}:{caller}");
        }).WithName("ClearSandboxFault").Produces(204).ProducesProblem(404).ProducesProblem(403).WithSummary("The caller's answers are its own again");

        sandbox.MapDelete("/inbox/{name}", (string name, SandboxInboxStore store) => Results.Ok(new InboxCleared(store.Clear(name))))
            .WithName("ClearSandboxInbox").Produces<InboxCleared>(200).ProducesProblem(403).WithSummary("Empties the inbox");
        return admin;
    }

    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddSingleton<SandboxInboxStore>();
        services.AddSingleton<SandboxInbox>();
        services.AddSingleton<SandboxReset>();
        services.AddSingleton<SandboxClockStore>();
        services.AddSingleton<BusinessClock>();
        services.AddSingleton<SandboxFaultStore>();
        services.AddSingleton<FaultInjection>();
        services.AddSingleton<SandboxTriggers>();
        services.AddSingleton<Exchanges.IExchangeHook>(sp => sp.GetRequiredService<FaultInjection>());
        services.AddSingleton<Exchanges.IExchangeHook, ResetGenerationCheck>();
        services.AddHostedService<ResetNotices>();
        return services;
    }

    private static readonly string[] Families = ["utility", "dsp", "global", "risk"];

    private static Dictionary<string, string[]> CheckFault(string family, FaultChange body)
    {
        var errors = new Dictionary<string, string[]>();
        var kinds = FaultInjection.AnswerKinds.Where(k => k != "bad-signature" || family == "global")
            .Concat(family == "risk" ? FaultInjection.PushKinds : []).ToList();
        if (body.Kind is null || !kinds.Contains(body.Kind))
        {
            errors["kind"] = [$"for {family}, one of " + string.Join(", ", kinds)];
        }

        if (body.Kind == "latency" ? body.DelayMs is not (>= 1 and <= 30_000) : body.DelayMs is not (null or 0))
        {
            errors["delayMs"] = ["1 to 30000 with latency, and only with it"];
        }

        if ((body.Count is null) == (body.Fraction is null) || body.Count is <= 0 || body.Fraction is not (null or (> 0 and <= 1)))
        {
            errors["count"] = ["either count (the next N requests, N ≥ 1) or fraction (more than 0, at most 1), not both"];
        }

        return errors;
    }

    private static SandboxClocksView Clocks(SandboxClockStore store, TimeProvider real)
    {
        var now = real.GetUtcNow();
        return new SandboxClocksView(now, [.. store.All().OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => new ClockView(c.Key, c.Value.OffsetMs, c.Value.FrozenAt, c.Value.Now(now)))]);
    }

    private static IResult SetClock(string scope, ClockChange body, SandboxClockStore store, BusinessClock clock, TimeProvider real)
    {
        var errors = new Dictionary<string, string[]>();
        if ((body.OffsetMs is null) == (body.FrozenAt is null))
        {
            errors["offsetMs"] = ["either offsetMs (milliseconds from real time) or frozenAt (an ISO 8601 instant), not both"];
        }
        else if (body.OffsetMs is { } offset && Math.Abs(offset) > TimeSpan.FromDays(3653).TotalMilliseconds)
        {
            errors["offsetMs"] = ["within ten years of real time"];
        }

        if (AdminApi.Invalid(errors) is { } invalid)
        {
            return invalid;
        }

        var setting = new ClockSetting(body.OffsetMs ?? 0, body.FrozenAt);
        store.Set(scope, setting);
        clock.Forget();
        return Results.Ok(new ClockView(scope, setting.OffsetMs, setting.FrozenAt, setting.Now(real.GetUtcNow())));
    }

    private static IResult RemoveClock(string scope, SandboxClockStore store, BusinessClock clock)
    {
        var removed = store.Remove(scope);
        clock.Forget();
        return removed ? Results.NoContent() : AdminApi.NotFound("No clock of its own for " + scope);
    }

    /// <summary>Outside sandbox mode a sandbox control does not exist: 404, before anything is read.</summary>
    private static ValueTask<object?> SandboxOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.RequestServices.GetRequiredService<Database>().Sandbox ? next(context) : ValueTask.FromResult<object?>(Results.NotFound());
}
