using System.Text.Json;

namespace PayHub.Protocols.Tests;

/// <summary>The shared signature and cipher vectors (tests/vectors, copied from shared/vectors), as produced by independent implementations.</summary>
public static class Vectors
{
    public static string PathOf(string relative) => Path.Combine(AppContext.BaseDirectory, "vectors", relative);

    public static JsonElement Signing { get; } = JsonDocument.Parse(File.ReadAllText(PathOf("signing-vectors.json"))).RootElement;
}
