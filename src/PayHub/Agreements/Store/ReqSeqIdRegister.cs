using System.Security.Cryptography;
using System.Text;
using PayHub.Protocols.Agreements;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>
/// The ReqSeqID register (<c>dsp_requests</c>), per front-end. A request claims its ReqSeqID with an
/// insert whose primary key decides between concurrent duplicates on any number of nodes: one
/// claim wins, the others find it. Final answers are kept for repeats; an unknown outcome is kept
/// as unknown until the resolver replaces it with the settled answer; anything else a retry may
/// change releases the claim.
/// </summary>
public sealed class ReqSeqIdRegister(GroupCommit groupCommit, Database database, TimeProvider clock)
{
    public const string Claimed = "claimed";
    public const string Final = "final";
    public const string UnknownStatus = "unknown";

    /// <summary>"Same content": BankCode, TransType, CommandCode and every non-empty DetailRecord field, in name order (TransSeqID and TransTime may change).</summary>
    public static string Fingerprint(AtsyhRequest request)
    {
        var text = new StringBuilder(512);
        text.Append(request.BankCode).Append('\n').Append(request.TransType).Append('\n').Append(request.CommandCode);
        foreach (var (name, value) in request.Detail.All.Where(f => f.Value.Length > 0).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.Append('\n').Append(name).Append('=').Append(value);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public Task<Claim> ClaimAsync(string clientId, string reqSeqId, string fingerprint)
    {
        var at = clock.GetUtcNow();
        return groupCommit.WriteAsync($"dsp-request/{clientId}/{reqSeqId}", scope => ClaimInWrite(scope, clientId, reqSeqId, fingerprint, at));
    }

    /// <summary>
    /// Claims the ReqSeqID inside a write already open, which then does what the claim allows (the sandbox bank's
    /// answer): the claim and that work commit together, or neither does.
    /// </summary>
    public static Claim ClaimInWrite(WriteScope scope, string clientId, string reqSeqId, string fingerprint, DateTimeOffset at)
    {
        // A new ReqSeqID is the rule: in a batch the claim is assumed to insert and costs no round trip of its own.
        var inserted = scope.InsertIfNew(
            """
            INSERT INTO dsp_requests (client_id, req_seq_id, content_hash, status, agreement_id, response, created_at)
            VALUES (@p0, @p1, @p2, 'claimed', NULL, NULL, @p3)
            ON CONFLICT (client_id, req_seq_id) DO NOTHING
            """,
            clientId,
            reqSeqId,
            fingerprint,
            at.ToString("O"));
        return inserted ? new Claim(ClaimKind.Owned) : Existing(scope, clientId, reqSeqId, fingerprint);
    }

    /// <summary>Waits for a duplicate being answered elsewhere to get its answer; EC902 when it takes longer than <paramref name="patience"/>.</summary>
    public async Task<Claim> AwaitAnswerAsync(string clientId, string reqSeqId, string fingerprint, TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + patience;
        while (clock.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), clock, cancellationToken);
            var claim = database.Read(reader => Existing(reader, clientId, reqSeqId, fingerprint));
            if (claim.Kind != ClaimKind.InProgress)
            {
                // A released claim (the other request's answer was not kept) is this request's to answer again.
                return claim.Kind == ClaimKind.Owned ? await ClaimAsync(clientId, reqSeqId, fingerprint) : claim;
            }
        }

        return new Claim(ClaimKind.Unknown);
    }

    /// <summary>
    /// Records the owned request's answer: kept when final, kept as unknown on EC902, else the claim is released. Its
    /// statement travels with the write's next one or its commit (<see cref="PreparedStatements.Append"/>): nothing in
    /// the write reads the register row back before then.
    /// </summary>
    public static void Finish(WriteScope scope, string clientId, string reqSeqId, long? agreementId, DspAnswer answer)
    {
        if (answer.UnifiedCode == UnifiedCode.Unknown)
        {
            scope.Append(
                "UPDATE dsp_requests SET status = 'unknown', agreement_id = @p2, response = @p3 WHERE client_id = @p0 AND req_seq_id = @p1",
                clientId, reqSeqId, agreementId, answer.ToKept());
        }
        else if (UnifiedCode.IsFinal(answer.UnifiedCode))
        {
            scope.Append(
                "UPDATE dsp_requests SET status = 'final', agreement_id = @p2, response = @p3 WHERE client_id = @p0 AND req_seq_id = @p1",
                clientId, reqSeqId, agreementId, answer.ToKept());
        }
        else
        {
            Release(scope, clientId, reqSeqId);
        }
    }

    public static void Release(WriteScope scope, string clientId, string reqSeqId) =>
        scope.Append("DELETE FROM dsp_requests WHERE client_id = @p0 AND req_seq_id = @p1 AND status = 'claimed'", clientId, reqSeqId);

    public Task ReleaseAsync(string clientId, string reqSeqId) =>
        groupCommit.WriteAsync(scope =>
        {
            Release(scope, clientId, reqSeqId);
            return true;
        });

    /// <summary>The resolver's settlement: every request of the agreement still kept as unknown gets the settled answer.</summary>
    public static void Settle(WriteScope scope, long agreementId, DspAnswer settled) =>
        scope.Execute(
            "UPDATE dsp_requests SET status = 'final', response = @p1 WHERE agreement_id = @p0 AND status = 'unknown'",
            agreementId, settled.ToKept());

    private static Claim Existing(PreparedStatements db, string clientId, string reqSeqId, string fingerprint)
    {
        using var reader = db.Query("SELECT content_hash, status, response FROM dsp_requests WHERE client_id = @p0 AND req_seq_id = @p1", clientId, reqSeqId);
        if (!reader.Read())
        {
            return new Claim(ClaimKind.Owned);
        }

        if (reader.GetString(0) != fingerprint)
        {
            return new Claim(ClaimKind.Reused, DspAnswer.Refuse(UnifiedCode.ReqSeqIdReused));
        }

        return reader.GetString(1) switch
        {
            Final => new Claim(ClaimKind.Kept, DspAnswer.FromKept(reader.GetString(2))),
            UnknownStatus => new Claim(ClaimKind.Unknown, DspAnswer.FromKept(reader.GetString(2))),
            _ => new Claim(ClaimKind.InProgress),
        };
    }
}
