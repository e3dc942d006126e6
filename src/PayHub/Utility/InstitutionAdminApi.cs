using Dapper;
using PayHub.Admin;
using PayHub.Secrets;
using PayHub.Storage;

namespace PayHub.Utility;

/// <summary>Admin resources for the banks: <c>/admin/institutions</c>, their API keys, cipher keys and rate limits.</summary>
public static class InstitutionAdminApi
{
    private const string Columns =
        "inst_id AS InstId, name AS Name, api_key_prefix AS ApiKeyPrefix, block_key_sealed IS NOT NULL AS HasBlockKey, " +
        "triple_des_key_sealed IS NOT NULL AS HasTripleDesKey, rate_limit_per_second AS RateLimitPerSecond, created_at AS CreatedAt";

    public static RouteGroupBuilder MapInstitutionAdmin(this RouteGroupBuilder admin)
    {
        var group = admin.MapGroup("/institutions").WithTags("Utility billing: institutions");

        group.MapGet("", async (Database database) =>
        {
            await using var connection = await database.OpenAsync();
            return TypedResults.Ok((await connection.QueryAsync<InstitutionView>($"SELECT {Columns} FROM utility_institutions ORDER BY inst_id")).ToList());
        }).WithName("ListInstitutions").WithSummary("Every institution, keys shown only by prefix");

        group.MapGet("/{instId}", async (string instId, Database database) =>
            await Find(database, instId) is { } view ? Results.Ok(view) : AdminApi.NotFound("No institution " + instId))
            .WithName("GetInstitution").WithSummary("One institution");

        group.MapPost("", async (InstitutionCreate body, Database database, SecretHasher hasher, SecretBox box, TimeProvider clock) =>
        {
            var errors = new Dictionary<string, string[]>();
            if (body.InstId is not { Length: >= 1 and <= 32 } || !body.InstId.All(char.IsAsciiLetterOrDigit))
            {
                errors["instId"] = ["1 to 32 letters or digits"];
            }

            CheckCommon(errors, body.Name, body.BlockKeyHex, body.TripleDesKeyHex, body.RateLimitPerSecond);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var apiKey = SecretHasher.NewSecret("uak");
            var inserted = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                """
                INSERT INTO utility_institutions (inst_id, name, api_key_hash, api_key_prefix, block_key_sealed, triple_des_key_sealed, rate_limit_per_second, created_at)
                VALUES (@InstId, @Name, @hash, @prefix, @blockKey, @tripleDesKey, @RateLimitPerSecond, @at)
                ON CONFLICT (inst_id) DO NOTHING
                """,
                new
                {
                    body.InstId,
                    body.Name,
                    hash = hasher.Hash(apiKey),
                    prefix = SecretHasher.Prefix(apiKey),
                    blockKey = Seal(box, body.BlockKeyHex),
                    tripleDesKey = Seal(box, body.TripleDesKeyHex),
                    body.RateLimitPerSecond,
                    at = clock.GetUtcNow().ToString("O"),
                },
                transaction));
            return inserted == 0
                ? AdminApi.Conflict($"Institution {body.InstId} exists")
                : Results.Created($"/admin/institutions/{body.InstId}", new ApiKeyIssued(body.InstId!, apiKey, SecretHasher.Prefix(apiKey)));
        }).WithName("CreateInstitution").WithSummary("Registers a bank; answers its API key once");

        group.MapPut("/{instId}", async (string instId, InstitutionUpdate body, Database database, SecretBox box, InstitutionDirectory directory) =>
        {
            var errors = new Dictionary<string, string[]>();
            CheckCommon(errors, body.Name, body.BlockKeyHex, body.TripleDesKeyHex, body.RateLimitPerSecond);
            if (AdminApi.Invalid(errors) is { } invalid)
            {
                return invalid;
            }

            var updated = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                """
                UPDATE utility_institutions SET name = @Name, rate_limit_per_second = @RateLimitPerSecond,
                    block_key_sealed = COALESCE(@blockKey, block_key_sealed),
                    triple_des_key_sealed = COALESCE(@tripleDesKey, triple_des_key_sealed)
                WHERE inst_id = @instId
                """,
                new { instId, body.Name, body.RateLimitPerSecond, blockKey = Seal(box, body.BlockKeyHex), tripleDesKey = Seal(box, body.TripleDesKeyHex) },
                transaction));
            directory.Invalidate();
            return updated == 0 ? AdminApi.NotFound("No institution " + instId) : Results.Ok(await Find(database, instId));
        }).WithName("UpdateInstitution").WithSummary("Changes name, rate limit and cipher keys");

        group.MapPost("/{instId}/api-key", async (string instId, Database database, SecretHasher hasher, InstitutionDirectory directory) =>
        {
            var apiKey = SecretHasher.NewSecret("uak");
            var updated = await database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
                "UPDATE utility_institutions SET api_key_hash = @hash, api_key_prefix = @prefix WHERE inst_id = @instId",
                new { instId, hash = hasher.Hash(apiKey), prefix = SecretHasher.Prefix(apiKey) },
                transaction));
            directory.Invalidate();
            return updated == 0 ? AdminApi.NotFound("No institution " + instId) : Results.Ok(new ApiKeyIssued(instId, apiKey, SecretHasher.Prefix(apiKey)));
        }).WithName("RotateInstitutionApiKey").WithSummary("Replaces the API key; the old one stops working at once on this node");

        return admin;
    }

    private static async Task<InstitutionView?> Find(Database database, string instId)
    {
        await using var connection = await database.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<InstitutionView>(
            $"SELECT {Columns} FROM utility_institutions WHERE inst_id = @instId", new { instId });
    }

    private static void CheckCommon(Dictionary<string, string[]> errors, string? name, string? blockKeyHex, string? tripleDesKeyHex, int? rateLimit)
    {
        AdminApi.CheckName(errors, name);

        if (blockKeyHex is not null && !IsHex(blockKeyHex, 32))
        {
            errors["blockKeyHex"] = ["32 hex digits (a 16-byte SM4/AES key)"];
        }

        if (tripleDesKeyHex is not null && !IsHex(tripleDesKeyHex, 48))
        {
            errors["tripleDesKeyHex"] = ["48 hex digits (a 24-byte 3DES key)"];
        }

        AdminApi.CheckRateLimit(errors, rateLimit);
    }

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigit);

    private static string? Seal(SecretBox box, string? hex) => hex is null ? null : box.Seal(Convert.FromHexString(hex));
}
