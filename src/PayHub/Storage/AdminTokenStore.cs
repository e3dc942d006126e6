namespace PayHub.Storage;

/// <summary><c>admin_tokens</c>: admin bearer tokens as keyed hashes, with a visible prefix and a label.</summary>
public static class AdminTokenStore
{
    /// <summary>The label and role of the token with this hash; null when there is none.</summary>
    public static Admin.AdminCaller? CallerOf(Database database, string tokenHash) =>
        database.Read(db => db.Row<(string Label, string Role)>("SELECT label, role FROM admin_tokens WHERE token_hash = @p0", tokenHash)) is { Label: not null } row
            ? new Admin.AdminCaller(row.Label, row.Role)
            : null;

    public static void Add(WriteScope scope, string tokenHash, string prefix, string label, string role, DateTimeOffset now) =>
        scope.Execute("INSERT INTO admin_tokens (token_hash, prefix, label, role, created_at) VALUES (@p0, @p1, @p2, @p3, @p4)", tokenHash, prefix, label, role, now.ToString("O"));
}
