using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace PayHub.Hosting;

/// <summary>
/// The few shapes the families' hand-declared OpenAPI parts are made of (<see cref="IApiDescription"/>): text and
/// choice fields, objects, headers, bodies with their examples, answers with their headers.
/// </summary>
public static class ApiSchemas
{
    public static OpenApiSchema Text(string description, string? pattern = null, int? maxLength = null) =>
        new() { Type = JsonSchemaType.String, Description = description, Pattern = pattern, MaxLength = maxLength };

    public static OpenApiSchema Choice(string description, params string[] values) =>
        new() { Type = JsonSchemaType.String, Description = description, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))] };

    public static OpenApiSchema Integer(string description, int? minimum = null, int? maximum = null) => new()
    {
        Type = JsonSchemaType.Integer,
        Description = description,
        Minimum = minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static OpenApiSchema List(string description, IOpenApiSchema items) =>
        new() { Type = JsonSchemaType.Array, Description = description, Items = items };

    /// <summary>An object of these properties, those in <paramref name="required"/> required; others allowed unless <paramref name="closed"/>.</summary>
    public static OpenApiSchema Object(string description, string[] required, params (string Name, IOpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Description = description,
        Required = new HashSet<string>(required, StringComparer.Ordinal),
        Properties = properties.ToDictionary(p => p.Name, p => p.Schema, StringComparer.Ordinal),
    };

    /// <summary>The object as the root element <paramref name="element"/> of an XML body, each property a child element (JSON ignores it).</summary>
    public static OpenApiSchema AsXml(OpenApiSchema schema, string element)
    {
        schema.Xml = new OpenApiXml { Name = element };
        return schema;
    }

    public static OpenApiParameter Header(string name, string description, bool required = false, IOpenApiSchema? schema = null) =>
        new() { Name = name, In = ParameterLocation.Header, Description = description, Required = required, Schema = schema ?? new OpenApiSchema { Type = JsonSchemaType.String } };

    public static OpenApiHeader AnswerHeader(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    /// <summary>A body of one media type with its named examples (a JSON example is a JSON value; any other, its text).</summary>
    public static OpenApiMediaType Body(IOpenApiSchema schema, params (string Name, string Summary, string Text)[] examples) => new()
    {
        Schema = schema,
        Examples = examples.Length == 0 ? null : examples.ToDictionary(
            e => e.Name,
            e => (IOpenApiExample)new OpenApiExample { Summary = e.Summary, Value = ExampleValue(e.Text) },
            StringComparer.Ordinal),
    };

    public static OpenApiResponse Answer(string description, IDictionary<string, OpenApiMediaType> content, IDictionary<string, IOpenApiHeader>? headers = null) =>
        new() { Description = description, Content = content, Headers = headers };

    /// <summary>An example file of <c>examples/</c> (embedded as <c>examples/{path}</c>): the documents show the requests the docs run.</summary>
    public static string Example(string path)
    {
        using var stream = typeof(ApiSchemas).Assembly.GetManifestResourceStream("examples/" + path)
            ?? throw new InvalidOperationException($"examples/{path} is not embedded in payhub.dll");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static JsonNode? ExampleValue(string text)
    {
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
        {
            return JsonNode.Parse(text);
        }

        return JsonValue.Create(text);
    }

    /// <summary>Adds a parameter to an operation's list, creating the list.</summary>
    public static void Add(this OpenApiOperation operation, IOpenApiParameter parameter) =>
        (operation.Parameters ??= []).Add(parameter);

    /// <summary>The generated operation of the endpoint named <paramref name="operationId"/> (<c>WithName</c>).</summary>
    public static OpenApiOperation Operation(OpenApiDocument document, string operationId) =>
        document.Paths.Values.SelectMany(path => path.Operations?.Values.AsEnumerable() ?? []).SingleOrDefault(o => o.OperationId == operationId)
            ?? throw new InvalidOperationException($"no operation {operationId} in the document {document.Info.Title}");

    /// <summary>Registers <paramref name="schema"/> as the component <paramref name="name"/> and returns a reference to it.</summary>
    public static IOpenApiSchema Shared(OpenApiDocument document, string name, OpenApiSchema schema)
    {
        document.AddComponent<IOpenApiSchema>(name, schema);
        return new OpenApiSchemaReference(name, document);
    }
}
