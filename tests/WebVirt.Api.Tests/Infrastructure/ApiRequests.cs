using System.Net.Http.Json;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>Requests with a JSON body and an If-Match header, as a script editing a guest sends them.</summary>
public static class ApiRequests
{
    public static HttpRequestMessage Json(HttpMethod method, string path, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }

    /// <summary>
    /// Sends a change that must succeed and returns the guest's ETag after it (the same one when only a
    /// volume changed, such as a resize: the tag covers the guest's definition and notes).
    /// </summary>
    public static async Task<string> ChangeAsync(HttpClient client, HttpMethod method, string path, object? body, string ifMatch)
    {
        var response = await client.SendAsync(Json(method, path, body, ifMatch));
        Assert.True((await Problems.JsonAsync(response)).GetProperty("ok").GetBoolean());
        var tag = response.Headers.ETag?.Tag;
        Assert.NotNull(tag);
        return tag;
    }
}
