using WebVirt.Contracts;
using WebVirt.Web.Agents.Gateway;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Components.Pages;

/// <summary>
/// A pool's volumes as the wizard reads them when a pool is picked, or why they could not be read: a
/// pool removed or stopped since the wizard listed the pools answers with libvirt's error, which the
/// volume field shows (in the user's language) while offering no volume, and the page goes on.
/// </summary>
internal sealed record PoolVolumesRead(IReadOnlyList<StorageVolumeDto> Volumes, string? Problem)
{
    public static PoolVolumesRead None { get; } = new([], null);

    public static async Task<PoolVolumesRead> ReadAsync(Func<string, Task<IReadOnlyList<StorageVolumeDto>>> list, string? pool)
    {
        if (pool is null)
        {
            return None;
        }

        try
        {
            return new PoolVolumesRead(await list(pool), null);
        }
        catch (AgentCallException ex)
        {
            return new PoolVolumesRead([], AgentTexts.Describe(ex.Failure));
        }
    }
}
