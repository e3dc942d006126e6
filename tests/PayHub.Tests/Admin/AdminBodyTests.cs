using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace PayHub.Tests.Admin;

/// <summary>
/// A body the admin API cannot bind gets a problem that says what is wrong and where (RFC 9457): the
/// position of malformed JSON, the field of a value of the wrong type, the Content-Type wanted; bytes that
/// are not UTF-8 or a string that names no character are malformed JSON, never a 500.
/// </summary>
public sealed class AdminBodyTests(PayHubFactory factory) : IClassFixture<PayHubFactory>
{
    private async Task<(HttpStatusCode Status, string? MediaType, JsonElement Problem)> PostAsync(byte[] body, string? contentType = "application/json")
    {
        using var admin = factory.Admin();
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        using var response = await admin.PostAsync("/admin/institutions", content);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, problem);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_giving_the_position()
    {
        var (status, mediaType, problem) = await PostAsync("{\n  \"instId\": \"00009\",\n  \"name\" \"x\"\n}"u8.ToArray());

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (status, mediaType));
        Assert.Contains("line 3", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_string_where_a_number_belongs_is_a_400_problem_naming_the_field()
    {
        var (status, _, problem) = await PostAsync("""{"instId":"00009","name":"x","rateLimitPerSecond":"ten"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var errors = problem.GetProperty("errors");
        Assert.Contains("not of the field's type", errors.GetProperty("rateLimitPerSecond")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("rateLimitPerSecond", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    public async Task A_missing_or_other_Content_Type_is_a_415_problem_saying_which_is_wanted(string? contentType)
    {
        var (status, mediaType, problem) = await PostAsync("""{"instId":"00009","name":"x"}"""u8.ToArray(), contentType);

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "application/problem+json"), (status, mediaType));
        Assert.Contains("application/json", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF8_or_an_unpaired_surrogate_are_a_400_problem()
    {
        byte[] notUtf8 = [.. "{\"instId\":\"00009\",\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        var bytes = await PostAsync(notUtf8);
        var surrogate = await PostAsync("""{"instId":"00009","name":"\uD800"}"""u8.ToArray());

        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (bytes.Status, bytes.MediaType));
        Assert.Equal((HttpStatusCode.BadRequest, "application/problem+json"), (surrogate.Status, surrogate.MediaType));
        using var admin = factory.Admin();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/admin/institutions/00009")).StatusCode); // nothing was stored
    }

    [Fact]
    public async Task A_string_holding_U0000_is_a_400_problem_naming_the_field_on_every_engine()
    {
        var (status, _, problem) = await PostAsync("""{"instId":"00009","name":"a\u0000b"}"""u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("U+0000", problem.GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
    }
}
