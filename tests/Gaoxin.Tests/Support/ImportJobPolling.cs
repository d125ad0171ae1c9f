using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Gaoxin.Tests.Support;

/// <summary>Following a background import job through <c>GET /api/imports/{id}</c>, as a client of the API does.</summary>
public static class ImportJobPolling
{
    /// <summary>Polls the job until <paramref name="until"/> holds of it (at most two minutes).</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string id, Func<JsonElement, bool> until)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/imports/{id}");
            if (until(job)) return job;
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), $"job {id} still {job}");
            await Task.Delay(50);
        }
    }

    /// <summary>The job has ended: succeeded, failed or cancelled.</summary>
    public static bool Finished(JsonElement job) => job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled";
}
