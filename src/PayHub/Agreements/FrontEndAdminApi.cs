using System.Text;
using Dapper;
using PayHub.Admin;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Agreements;

/// <summary>Admin resources of the front-end systems that call the gateway: <c>/admin/front-ends</c>, their HMAC secrets and rate limits.</summary>
public static class FrontEndAdminApi
{
    private const string Columns =
        "client_id AS ClientId, name AS Name, secret_prefix AS SecretPrefix, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt";

    public static RouteGroupBuilder MapFrontEndAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/front-ends").WithTags("Agreement gateway: front-ends");
        group.MapGet("", (Database database) =>
        {
            using var connection = database.Open();
            return TypedResults.Ok(connection.Query<FrontEndView>($"SELECT {Columns} FROM dsp_front_ends ORDER BY client_id").ToList());
        }).WithName("ListDspClients").WithSummary("Every front-end, secrets shown only by prefix");

        group.MapPost("", (FrontEndChange body, Database database, SecretBox box, FrontEndDirectory directory, TimeProvider clock) =>
        {
            var errors = Check(body);
            if (body.ClientId is not { Length: >= 1 and <= 64 } || !body.ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                errors["clientId"] = ["1 to 64 letters, digits, - or _"];
            }

            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var secret = SecretHasher.NewSecret("dsp");
            var inserted = database.Write((connection, transaction) => connection.Execute(
                """
                INSERT INTO dsp_front_ends (client_id, name, secret_sealed, secret_prefix, rate_limit_per_second, created_at)
                VALUES (@ClientId, @Name, @sealedSecret, @prefix, @RateLimitPerSecond, @at)
                ON CONFLICT (client_id) DO NOTHING
                """,
                new { body.ClientId, body.Name, sealedSecret = box.Seal(Encoding.UTF8.GetBytes(secret)), prefix = SecretHasher.Prefix(secret), body.RateLimitPerSecond, at = clock.GetUtcNow().ToString("O") },
                transaction));
            directory.Invalidate(); // a lookup of this client id before it existed may be cached as "unknown"
            return inserted == 0
                ? AdminApi.Conflict($"Front-end {body.ClientId} exists")
                : Results.Created($"/admin/front-ends/{body.ClientId}", new FrontEndSecretIssued(body.ClientId!, secret));
        }).WithName("CreateDspClient").WithSummary("Registers a front-end; answers its HMAC secret once");

        group.MapPut("/{clientId}", (string clientId, FrontEndChange body, Database database, FrontEndDirectory directory) =>
        {
            if (AdminApi.Invalid(Check(body)) is { } invalid)
            {
                return invalid;
            }

            var updated = database.Write((connection, transaction) => connection.Execute(
                "UPDATE dsp_front_ends SET name = @Name, rate_limit_per_second = @RateLimitPerSecond WHERE client_id = @clientId",
                new { clientId, body.Name, body.RateLimitPerSecond },
                transaction));
            directory.Invalidate();
            using var connection = database.Open();
            return updated == 0
                ? AdminApi.NotFound("No front-end " + clientId)
                : Results.Ok(connection.QuerySingle<FrontEndView>($"SELECT {Columns} FROM dsp_front_ends WHERE client_id = @clientId", new { clientId }));
        }).WithName("UpdateDspClient").WithSummary("Changes a front-end's name and rate limit (null: no limit)");

        group.MapPost("/{clientId}/secret", (string clientId, Database database, SecretBox box, FrontEndDirectory directory) =>
        {
            var secret = SecretHasher.NewSecret("dsp");
            var updated = database.Write((connection, transaction) => connection.Execute(
                "UPDATE dsp_front_ends SET secret_sealed = @sealedSecret, secret_prefix = @prefix WHERE client_id = @clientId",
                new { clientId, sealedSecret = box.Seal(Encoding.UTF8.GetBytes(secret)), prefix = SecretHasher.Prefix(secret) },
                transaction));
            directory.Invalidate();
            return updated == 0 ? AdminApi.NotFound("No front-end " + clientId) : Results.Ok(new FrontEndSecretIssued(clientId, secret));
        }).WithName("RotateDspClientSecret").WithSummary("Replaces the HMAC secret; the old one stops working at once on this node");

        return admin;
    }

    private static Dictionary<string, string[]> Check(FrontEndChange body)
    {
        var errors = new Dictionary<string, string[]>();
        AdminApi.CheckName(errors, body.Name);

        AdminApi.CheckRateLimit(errors, body.RateLimitPerSecond);

        return errors;
    }
}
