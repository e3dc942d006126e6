namespace PayHub.Hosting;

/// <summary>
/// A family's cache of what it reads from the database (its callers, its channels). Each registers itself as one,
/// so that a change to the data under it all at once (a sandbox reset) can drop every cache, whatever the family.
/// </summary>
public interface ICachedData
{
    /// <summary>Forgets everything cached; the next look-up reads the database.</summary>
    void Invalidate();
}
