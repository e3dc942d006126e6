using Microsoft.OpenApi;
using PayHub.Hosting;

namespace PayHub.Admin;

/// <summary>
/// What the admin document adds to the generated operations: the bearer token every <c>/admin</c> path needs (the
/// sandbox's push receiver needs none), and the problems every such path may answer (401; 404 for a resource path).
/// </summary>
public sealed class AdminApiDescription : IApiDescription
{
    public const string Title = "PayHub admin API";

    public const string Summary =
        "Everything an operator changes: institutions and keys, companies, customers and bills, front-ends, channels and code maps, " +
        "agreements, integrators and their keys, global customers, agents, merchants and risk cases, the journal and audit trail; and the " +
        "sandbox controls under /admin/sandbox (and the push receiver /sandbox/inbox/{name}), which answer 404 on a database that is not a " +
        "sandbox. Every /admin request needs `Authorization: Bearer <admin token>` (demo: `demo-admin-token`); a read-only token may only " +
        "GET (403 otherwise). Errors are RFC 9457 problem details; a body that does not bind is a 400 naming its field.";

    private const string Scheme = "adminToken";

    public void Complete(OpenApiDocument document, IServiceProvider services)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [Scheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An admin token (`payhub admin-token` issues one; the demo's is `demo-admin-token`)",
            },
        };
        var problem = new OpenApiSchemaReference("ProblemDetails", document);
        foreach (var (path, item) in document.Paths)
        {
            foreach (var operation in item.Operations?.Values.AsEnumerable() ?? [])
            {
                if (!path.StartsWith("/admin", StringComparison.Ordinal))
                {
                    operation.Security = [];
                    continue;
                }

                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Scheme, document)] = [] }];
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", Problem("No admin token, or not a valid one", problem));
                if (path.Contains('{', StringComparison.Ordinal))
                {
                    operation.Responses.TryAdd("404", Problem("No such resource (or, under /admin/sandbox, not a sandbox)", problem));
                }
            }
        }
    }

    private static OpenApiResponse Problem(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new() { Schema = schema } },
    };
}
