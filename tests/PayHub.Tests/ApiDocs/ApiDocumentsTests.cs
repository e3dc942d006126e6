using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PayHub.Tests.Storage;

namespace PayHub.Tests.ApiDocs;

/// <summary>
/// The OpenAPI documents: the committed copies in docs/openapi are what this build generated (two files compared, the
/// build's and the repository's), the server serves them, Microsoft.OpenApi reads and validates them without a word, the
/// admin document covers every admin route of the server, and every family's document names every code of SPEC.md.
/// </summary>
public sealed class ApiDocumentsTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    public static readonly TheoryData<string> Documents = new() { "utility", "dsp", "global", "risk", "admin" };

    private static string Committed => Path.Combine(SqlPlacementTests.RepositoryRoot(), "docs", "openapi");

    /// <summary>Where the build of src/PayHub put its documents (PlaceApiDocuments in PayHub.csproj), in this test run's configuration.</summary>
    private static string Built => Path.Combine(
        SqlPlacementTests.RepositoryRoot(), "src", "PayHub", "bin",
        typeof(ApiDocumentsTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration, "net10.0", "openapi");

    [Fact]
    public void The_committed_documents_are_the_ones_the_build_generated()
    {
        Assert.True(Directory.Exists(Built), "the build left no documents in " + Built);
        var built = Directory.GetFiles(Built, "*.json").Select(Path.GetFileName).Order().ToList();
        var committed = Directory.GetFiles(Committed, "*.json").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["admin.json", "dsp.json", "global.json", "risk.json", "utility.json"], built);
        Assert.Equal(built, committed);
        foreach (var name in built)
        {
            var fresh = File.ReadAllBytes(Path.Combine(Built, name!));
            var kept = File.ReadAllBytes(Path.Combine(Committed, name!));
            Assert.True(
                fresh.AsSpan().SequenceEqual(kept),
                $"docs/openapi/{name} is not what the build generated: after changing an endpoint or a description, copy {Path.Combine(Built, name!)} to docs/openapi/");
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task The_server_serves_the_committed_document(string name)
    {
        using var client = factory.CreateClient();
        var served = JsonNode.Parse(await client.GetStringAsync($"/openapi/{name}.json"));
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Committed, name + ".json")));
        Assert.True(JsonNode.DeepEquals(served, committed), $"/openapi/{name}.json differs from docs/openapi/{name}.json");
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void Microsoft_OpenApi_reads_and_validates_each_document_without_errors_or_warnings(string name)
    {
        var settings = new OpenApiReaderSettings { LoadExternalRefs = false };
        var read = OpenApiDocument.Parse(File.ReadAllText(Path.Combine(Committed, name + ".json")), OpenApiConstants.Json, settings);

        Assert.NotNull(read.Document);
        Assert.Empty(read.Diagnostic!.Errors.Select(e => e.ToString()));
        Assert.Empty(read.Diagnostic.Warnings.Select(e => e.ToString()));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, read.Diagnostic.SpecificationVersion);
        Assert.Empty(read.Document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => e.ToString()));
        Assert.NotEmpty(read.Document.Paths);
    }

    [Fact]
    public async Task The_admin_document_covers_every_admin_route_of_the_server()
    {
        using var _ = factory.CreateClient();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/admin", StringComparison.Ordinal) || raw.StartsWith("/sandbox", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m.ToLowerInvariant(), Path: Plain(e.RoutePattern))))
            .ToHashSet();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Committed, "admin.json")))!["paths"]!.AsObject();
        var described = document.SelectMany(p => p.Value!.AsObject().Select(o => (Method: o.Key, Path: p.Key))).ToHashSet();

        Assert.True(routes.Count > 60, $"only {routes.Count} admin routes found");
        Assert.Empty(routes.Except(described).Select(r => $"{r.Method} {r.Path}"));
        Assert.Empty(described.Except(routes).Select(r => $"{r.Method} {r.Path}"));
        Assert.Contains(("post", "/admin/sandbox/reset"), described);
        Assert.Contains(("post", "/sandbox/inbox/{name}"), described);
    }

    [Fact]
    public async Task A_production_server_describes_the_sandbox_controls_it_does_not_have()
    {
        using var production = new ProductionWithDemoData();
        using var client = production.Factory.CreateClient();
        var paths = JsonNode.Parse(await client.GetStringAsync("/openapi/admin.json"))!["paths"]!.AsObject();

        Assert.NotNull(paths["/admin/sandbox/reset"]);
        Assert.NotNull(paths["/admin/sandbox/faults/{family}/{caller}"]);
        using var admin = production.Admin();
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await admin.PostAsync("/admin/sandbox/reset", null)).StatusCode);
    }

    [Fact]
    public async Task Every_code_of_the_spec_is_in_its_family_document()
    {
        var codes = Sandbox.TriggerTable.SpecCodes();
        var utility = await DocumentAsync("utility");
        Assert.Equal(codes["utility"].Select(c => c.Code).Order(), Enum(utility["components"]!["schemas"]!["UtilityAnswer"]!["properties"]!["RespCode"]!).Order());
        var dsp = await DocumentAsync("dsp");
        var answer = dsp["components"]!["schemas"]!["AtsyhAnswer"]!;
        var detail = answer["properties"]!["TransResp"]!["properties"]!["TransParam"]!["properties"]!["DetailRecord"]!;
        Assert.Equal(codes["dsp"].Select(c => c.Code).Order(), Enum(detail["properties"]!["UnifiedCode"]!).Order());
        var global = await DocumentAsync("global");
        Assert.Equal(codes["global"].Select(c => c.Code).Order(), Enum(global["components"]!["schemas"]!["Result"]!["properties"]!["resultCode"]!).Order());
        var risk = (string)(await DocumentAsync("risk"))["info"]!["description"]!;
        Assert.All(codes["risk"], c => Assert.Contains($"| `{c.Code}` |", risk, StringComparison.Ordinal));
        Assert.All(codes["utility"], c => Assert.Contains($"| `{c.Code}` |", (string)utility["info"]!["description"]!, StringComparison.Ordinal));
        Assert.All(codes["dsp"], c => Assert.Contains($"| `{c.Code}` |", (string)dsp["info"]!["description"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_family_operation_declares_the_headers_its_callers_send()
    {
        Assert.Equal(["X-API-Key"], RequiredHeaders(await DocumentAsync("utility"), "/utility/{tranCode}"));
        Assert.Equal(["X-DSP-Client", "X-DSP-Signature"], RequiredHeaders(await DocumentAsync("dsp"), "/dsp"));
        var global = await DocumentAsync("global");
        foreach (var path in (string[])["/business/account/inquiryAccount", "/business/account/inquiryBalance", "/authorizations/applyToken", "/oauth/applyToken"])
        {
            Assert.Equal(["Client-Id", "Request-Time", "Signature"], RequiredHeaders(global, "/amsin/api/v1" + path));
            var answerHeaders = global["paths"]!["/amsin/api/v1" + path]!["post"]!["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key);
            Assert.Superset(new HashSet<string> { "client-id", "response-time", "signature" }, answerHeaders.ToHashSet());
        }

        var risk = await DocumentAsync("risk");
        Assert.NotNull(risk["webhooks"]!["riskCasePush"]!["post"]!["requestBody"]);
    }

    private static string[] RequiredHeaders(JsonNode document, string path) =>
        [.. document["paths"]![path]!["post"]!["parameters"]!.AsArray()
            .Where(p => (string)p!["in"]! == "header" && p["required"]?.GetValue<bool>() == true)
            .Select(p => (string)p!["name"]!)];

    private static IEnumerable<string> Enum(JsonNode schema) => schema["enum"]!.AsArray().Select(v => (string)v!);

    internal static async Task<JsonNode> DocumentAsync(string name) =>
        JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Committed, name + ".json")))!;

    /// <summary>A route as OpenAPI writes it: parameters without their constraints.</summary>
    private static string Plain(RoutePattern pattern) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException(part.ToString()),
        }))));
}
