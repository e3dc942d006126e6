namespace PayHub.Storage;

/// <summary>
/// A family's demo data (SPEC.md "Demo data"): loaded once, in the transaction that prepares a fresh
/// database for <c>serve --demo</c>. Each family registers its own.
/// </summary>
public interface IDemoData
{
    void Load(WriteScope scope, DateTimeOffset now);
}
