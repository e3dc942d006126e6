using PayHub.Audit;
using PayHub.Storage;

namespace PayHub.Exchanges;

/// <summary>
/// One request through the <see cref="FrontDoor"/>, from arrival to answer: what every family has
/// (its name, the request id, the clock started, the body limit, the caller's rate limit, whether
/// the audit row is already written) and, in a family's subclass, what the family learns on the way.
/// </summary>
public abstract class Exchange(ExchangeStart start, string family)
{
    private readonly FrontDoor _door = start.Door;

    public HttpContext Http { get; } = start.Http;

    /// <summary>The family as the audit trail, the logs and the rate limits name it (<c>utility</c>, <c>dsp</c>, <c>global</c>, <c>risk</c>).</summary>
    public string Family { get; } = family;

    public string RequestId => Http.TraceIdentifier;

    public long StartedAt { get; } = start.StartedAt;

    public long ElapsedMs => _door.ElapsedMs(StartedAt);

    public int MaxBodyBytes => _door.MaxBodyBytes;

    /// <summary>The authenticated caller, once admitted (<see cref="TryAcquireRate"/>); null before.</summary>
    public string? AdmittedCaller { get; private set; }

    /// <summary>What a hook decided to do to the answer (a sandbox fault); <see cref="AnswerFault.None"/> unless one did.</summary>
    public AnswerFault Fault { get; set; }

    /// <summary>The sandbox trigger the request carries (<see cref="Sandbox.SandboxTriggers"/>); null outside a sandbox or when it carries none.</summary>
    public Sandbox.SandboxTrigger? Trigger { get; set; }

    /// <summary>
    /// The family made this exchange's effect (not a repeat answered from what was kept): under an effect-then-drop
    /// trigger, the answer is not sent.
    /// </summary>
    public void MadeEffect()
    {
        if (Trigger?.Kind == Sandbox.TriggerKind.EffectThenDrop)
        {
            Fault = AnswerFault.Drop;
        }
    }

    /// <summary>True once the audit row was written in the same transaction as the exchange's effect.</summary>
    public bool Audited { get; internal set; }

    /// <summary>The body as received, once read (for the journal).</summary>
    public byte[]? RawBody { get; private set; }

    /// <summary>Which check of the family's order refused the request (the journal's <c>refusedBy</c>); empty when none did.</summary>
    public string RefusedBy { get; private set; } = "";

    /// <summary>Why it was refused, in words a client developer can act on: for the operator, never for the caller.</summary>
    public string Diagnosis { get; private set; } = "";

    /// <summary>Whether the journal keeps the decoded bodies of an answer of this kind: the family builds them only then.</summary>
    public bool KeepsBodies(bool refused) => _door.Journal.KeepsBodies(refused);

    /// <summary>Whether a diagnosis may show the digest PayHub computed (on a sandbox only).</summary>
    public bool ShowsDigests => _door.Journal.ShowsDigests;

    /// <summary>The body fields that hold credentials: their values are masked in the bytes the journal keeps.</summary>
    public virtual CredentialFields CredentialFields => CredentialFields.None;

    /// <summary>
    /// Why the body could not be read whole, in the family's answer (<c>body larger than 65536 bytes</c>); empty until
    /// <see cref="ReadBodyAsync"/> returned null.
    /// </summary>
    public string BodyProblem { get; private set; } = "";

    /// <summary>The same for the journal's diagnosis, with what the server knows of it; empty until <see cref="ReadBodyAsync"/> returned null.</summary>
    public string BodyDiagnosis { get; private set; } = "";

    /// <summary>
    /// The body, whole; null when it is larger than <see cref="MaxBodyBytes"/>, or when the server could not read it (a
    /// client that closed the connection before the bytes its Content-Length announced, a broken chunk, a body that
    /// arrived too slowly): then <see cref="BodyProblem"/> and <see cref="BodyDiagnosis"/> say which. The client's
    /// mistake, for the family to refuse in its own format, never an internal failure.
    /// </summary>
    public async Task<byte[]?> ReadBodyAsync()
    {
        try
        {
            RawBody = await Hosting.RequestBody.ReadAsync(Http.Request, MaxBodyBytes, Http.RequestAborted);
            if (RawBody is null)
            {
                BodyProblem = $"body larger than {MaxBodyBytes} bytes";
                BodyDiagnosis = $"the body is larger than {MaxBodyBytes} bytes";
            }
        }
        catch (BadHttpRequestException e)
        {
            BodyProblem = "body unreadable: " + e.Message;
            var announced = Http.Request.ContentLength is { } length ? $" (of the {length} bytes its Content-Length announced)" : "";
            BodyDiagnosis = $"the server could not read the body{announced}: {e.Message}";
        }
        catch (OperationCanceledException) when (Http.RequestAborted.IsCancellationRequested)
        {
            // The client closed the connection and Kestrel noticed before the read did: nobody is left to answer, but
            // the journal still records the request, as it does when the read is the one to find the body short.
            BodyProblem = "body unreadable: the client closed the connection";
            var announced = Http.Request.ContentLength is { } length ? $" before the {length} bytes its Content-Length announced" : " before the body's end";
            BodyDiagnosis = $"the client closed the connection{announced}";
        }

        return RawBody;
    }

    /// <summary>Notes which check refused the request and why, for the journal.</summary>
    public void Refuse(string check, string diagnosis)
    {
        RefusedBy = check;
        Diagnosis = diagnosis;
    }

    /// <summary>
    /// The authenticated caller is admitted: from here on its business rules read its own clock on a sandbox
    /// (<see cref="Sandbox.BusinessClock"/>). True when it may go on under its own limit in this family.
    /// </summary>
    public bool TryAcquireRate(string caller, int? perSecond)
    {
        AdmittedCaller = caller;
        Sandbox.BusinessClock.Caller = Family + ":" + caller;
        if (_door.TryAcquireRate(Family, caller, perSecond))
        {
            return true;
        }

        Telemetry.PayHubMeter.RateLimitRejections.Add(1, new KeyValuePair<string, object?>("payhub.family", Family));
        return false;
    }

    /// <summary>Writes the audit row inside the write of the exchange's effect, so that both are kept or neither.</summary>
    public void RecordAudit(WriteScope scope, AuditEntry entry)
    {
        _door.RecordAudit(scope, _door.Journal.Complete(this, entry));
        Audited = true;
    }
}
