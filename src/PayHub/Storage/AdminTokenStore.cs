namespace PayHub.Storage;

/// <summary><c>admin_tokens</c>: admin bearer tokens as keyed hashes, with a visible prefix and a label.</summary>
public static class AdminTokenStore
{
    /// <summary>The label of the token with this hash; null when there is none.</summary>
    public static string? LabelOf(Database database, string tokenHash) =>
        database.Read(db => db.Scalar("SELECT label FROM admin_tokens WHERE token_hash = @p0", tokenHash) as string);

    public static void Add(WriteScope scope, string tokenHash, string prefix, string label, DateTimeOffset now) =>
        scope.Execute("INSERT INTO admin_tokens (token_hash, prefix, label, created_at) VALUES (@p0, @p1, @p2, @p3)", tokenHash, prefix, label, now.ToString("O"));
}
