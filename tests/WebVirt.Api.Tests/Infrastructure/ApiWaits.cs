using System.Net;
using System.Text.Json;

namespace WebVirt.Api.Tests.Infrastructure;

/// <summary>Polls the API until a task ends or the inventory shows a guest as wanted (guests under TCG on a busy host are slow).</summary>
public static class ApiWaits
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    /// <summary>Follows a 202's Location to the task's end; fails unless it succeeded.</summary>
    public static async Task<JsonElement> TaskSucceededAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow + Limit;
        JsonElement task = default;
        while (DateTime.UtcNow < deadline)
        {
            task = await Problems.JsonAsync(await client.GetAsync(location));
            if (task.GetProperty("state").GetString() != "Running")
            {
                Assert.True(task.GetProperty("state").GetString() == "Succeeded", $"The task did not succeed: {task}");
                return task;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The task did not end: {task}");
        return task;
    }

    /// <summary>The guest of that name on the host once the inventory lists it (null with <paramref name="present"/> false once it is gone).</summary>
    public static async Task<JsonElement?> GuestAsync(HttpClient client, string hostId, string name, bool present = true)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            var page = await Problems.JsonAsync(await client.GetAsync($"/api/v1/guests?hostId={hostId}&name={Uri.EscapeDataString(name)}"));
            var found = page.GetProperty("items").EnumerateArray().Where(g => g.GetProperty("name").GetString() == name).ToList();
            if (present && found.Count == 1)
            {
                return found[0];
            }

            if (!present && found.Count == 0)
            {
                return null;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"The guest {name} did not {(present ? "appear" : "go")}.");
        return null;
    }

    /// <summary>The guest's ETag as GET of the guest sends it.</summary>
    public static async Task<string> ETagAsync(HttpClient client, string guestPath)
    {
        var response = await client.GetAsync(guestPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tag = response.Headers.ETag;
        Assert.NotNull(tag);
        Assert.False(tag.IsWeak);
        return tag.Tag;
    }
}
