using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.GlobalAccounts;

/// <summary>
/// OAuth grants in <c>ga_grants</c>, stored as keyed hashes: authorisation codes (issued through the
/// admin API, 10 minutes, one use), access tokens (30 days) and refresh tokens (90 days). An exchange
/// is one group-committed write: the code or refresh token is marked used only if it still was
/// unused, so two concurrent exchanges of one code give one pair of tokens. A refresh revokes the
/// access tokens issued before it for that client and customer.
/// </summary>
public sealed class OAuthGrants(GroupCommit groupCommit, SecretHasher hasher, Sandbox.BusinessClock clock)
{
    public static readonly TimeSpan AuthCodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan AccessLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan RefreshLifetime = TimeSpan.FromDays(90);

    /// <summary>A new authorisation code for the client and customer; null when the customer has not authorised the client.</summary>
    public Task<(string Code, DateTimeOffset Expires)?> IssueAuthCodeAsync(string clientId, string customerId)
    {
        var code = SecretHasher.NewSecret("wfac");
        var now = clock.GetUtcNow();
        return groupCommit.WriteAsync(scope =>
        {
            // The authorisation is held (shared) until the code is in: a withdrawal waits, and then revokes the code too.
            var authorised = scope.Scalar(
                "SELECT authorised FROM ga_integrator_customers a WHERE client_id = @p0 AND customer_id = @p1" + scope.Locks.ForShareOf("a"), clientId, customerId);
            if (authorised is not 1L)
            {
                return ((string, DateTimeOffset)?)null;
            }

            Insert(scope, code, "auth_code", clientId, customerId, now + AuthCodeLifetime, now);
            return (code, now + AuthCodeLifetime);
        });
    }

    /// <summary>
    /// Exchanges an authorisation code or refresh token (<paramref name="kind"/> auth_code or refresh) for new tokens; null when it is
    /// unknown, used, revoked, expired or another client's. <paramref name="recordAudit"/> writes the audit row of the outcome in the same write.
    /// </summary>
    public Task<IssuedTokens?> ExchangeAsync(string clientId, string kind, string presented, Action<WriteScope, IssuedTokens?> recordAudit)
    {
        var hash = hasher.Hash(presented);
        var now = clock.GetUtcNow();
        var access = SecretHasher.NewSecret("wfat");
        var refresh = SecretHasher.NewSecret("wfrt");
        return groupCommit.WriteAsync(scope =>
        {
            var issued = Redeem(scope, clientId, kind, hash, now, access, refresh);
            recordAudit(scope, issued);
            return issued;
        });
    }

    private IssuedTokens? Redeem(WriteScope scope, string clientId, string kind, string hash, DateTimeOffset now, string access, string refresh)
    {
        // The authorisation is held (shared) until the tokens are in: a withdrawal meanwhile waits, and then revokes them too;
        // one made before is what this read sees. The code or token is spent only if nobody spent or revoked it meanwhile.
        var customerId = scope.Scalar(
            """
            SELECT g.customer_id FROM ga_grants g JOIN ga_integrator_customers a ON a.client_id = g.client_id AND a.customer_id = g.customer_id
            WHERE g.grant_hash = @p0 AND g.kind = @p1 AND g.client_id = @p2 AND g.used = 0 AND g.revoked = 0 AND g.expires_at_ms > @p3 AND a.authorised = 1
            """ + scope.Locks.ForShareOf("a"),
            hash, kind, clientId, now.ToUnixTimeMilliseconds()) as string;
        if (customerId is null || scope.Execute("UPDATE ga_grants SET used = 1 WHERE grant_hash = @p0 AND used = 0 AND revoked = 0", hash) != 1)
        {
            return null;
        }

        if (kind == "refresh")
        {
            scope.Execute("UPDATE ga_grants SET revoked = 1 WHERE client_id = @p0 AND customer_id = @p1 AND kind = 'access' AND revoked = 0", clientId, customerId);
        }

        Insert(scope, access, "access", clientId, customerId, now + AccessLifetime, now);
        Insert(scope, refresh, "refresh", clientId, customerId, now + RefreshLifetime, now);
        return new IssuedTokens(customerId, access, now + AccessLifetime, refresh, now + RefreshLifetime);
    }

    /// <summary>Revokes every code and token of a client for a customer (when the authorisation is withdrawn); returns how many.</summary>
    public Task<int> RevokeAsync(string clientId, string customerId) =>
        groupCommit.WriteAsync(scope =>
            scope.Execute("UPDATE ga_grants SET revoked = 1 WHERE client_id = @p0 AND customer_id = @p1 AND revoked = 0", clientId, customerId));

    /// <summary>Revokes one token or code by its value; false when there is none for that client.</summary>
    public Task<bool> RevokeOneAsync(string clientId, string presented)
    {
        var hash = hasher.Hash(presented);
        return groupCommit.WriteAsync(scope =>
            scope.Execute("UPDATE ga_grants SET revoked = 1 WHERE grant_hash = @p0 AND client_id = @p1", hash, clientId) == 1);
    }

    private void Insert(WriteScope scope, string secret, string kind, string clientId, string customerId, DateTimeOffset expires, DateTimeOffset now) =>
        scope.Execute(
            """
            INSERT INTO ga_grants (grant_hash, kind, client_id, customer_id, expires_at_ms, used, revoked, created_at)
            VALUES (@p0, @p1, @p2, @p3, @p4, 0, 0, @p5)
            """,
            hasher.Hash(secret), kind, clientId, customerId, expires.ToUnixTimeMilliseconds(), now.ToString("O"));
}
