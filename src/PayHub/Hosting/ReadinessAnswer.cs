using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PayHub.Storage;

namespace PayHub.Hosting;

/// <summary>The body of <c>/health/ready</c>: <c>{"status":"Healthy","mode":"sandbox"}</c> (or <c>production</c>), so a probe and a person both see which kind of database this node serves.</summary>
public static class ReadinessAnswer
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        var sandbox = context.RequestServices.GetRequiredService<Database>().Sandbox;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteString("mode", sandbox ? StorageStartup.Sandbox : StorageStartup.Production);
        json.WriteEndObject();
    }
}
