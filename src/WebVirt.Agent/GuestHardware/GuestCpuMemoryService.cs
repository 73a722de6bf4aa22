using WebVirt.Contracts;
using WebVirt.Domain.Devices;

namespace WebVirt.Agent.GuestHardware;

/// <summary>
/// vCPUs and memory. The persistent definition always gets the whole change; a running guest gets
/// the current count (vCPU hot-plug) or size (balloon) live when it fits under its live maximum,
/// which itself only changes at the next boot.
/// </summary>
internal sealed class GuestCpuMemoryService(GuestEditor editor)
{
    public Task<ActionResult> SetCpusAsync(string uuid, GuestCpuChange change, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestCpus", g =>
        {
            var spec = new VCpuSpec(change.Current, change.Maximum, change.Sockets, change.Cores, change.Threads);
            var edited = DomainXmlEditor.SetVCpus(g.Persistent(), spec, g.Limits());
            if (edited.Value is not { } xml)
            {
                return GuestEdit.Refused(edited.Problems);
            }

            bool allLive = true;
            Action? live = null;
            if (g.Active)
            {
                DomainView running = DomainXmlReader.Read(g.Live());
                bool countFits = change.Current <= running.MaximumVCpus;
                if (countFits && change.Current != running.CurrentVCpus)
                {
                    live = () => g.Domain.SetVcpus((uint)change.Current, DomainModificationImpact.Live);
                }

                var topology = change.Sockets is int s && change.Cores is int c && change.Threads is int t ? new CpuTopology(s, c, t) : null;
                allLive = countFits && change.Maximum == running.MaximumVCpus && (topology is null || topology == running.Topology);
            }

            g.RedefineThenLive(xml, live);
            return g.Applied(allLive);
        }, ct);

    public Task<ActionResult> SetMemoryAsync(string uuid, GuestMemoryChange change, CancellationToken ct) =>
        editor.RunAsync(uuid, "SetGuestMemory", g =>
        {
            var edited = DomainXmlEditor.SetMemory(g.Persistent(), new MemorySpec(change.CurrentMiB, change.MaximumMiB), g.Limits());
            if (edited.Value is not { } xml)
            {
                return GuestEdit.Refused(edited.Problems);
            }

            bool allLive = true;
            Action? live = null;
            if (g.Active)
            {
                long liveMaximumKiB = DomainXmlReader.Read(g.Live()).MaximumMemoryMiB * 1024;
                long currentKiB = change.CurrentMiB * 1024;
                bool fits = currentKiB <= liveMaximumKiB;
                if (fits)
                {
                    live = () => g.Domain.SetMemory((ulong)currentKiB, DomainModificationImpact.Live);
                }

                allLive = fits && change.MaximumMiB * 1024 == liveMaximumKiB;
            }

            g.RedefineThenLive(xml, live);
            return g.Applied(allLive);
        }, ct);
}
