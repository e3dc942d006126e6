namespace PayHub.Hosting;

/// <summary>
/// A family's own answer to an unexpected failure (SYS9999, 19999, …), chosen by path prefix.
/// </summary>
public interface IFamilyErrorAnswer
{
    /// <summary>The first path segments whose requests the family answers (<c>/utility</c>; <c>/amsin</c> and <c>/ams</c>).</summary>
    IReadOnlyList<string> PathPrefixes { get; }

    Task WriteAsync(HttpContext context);
}
