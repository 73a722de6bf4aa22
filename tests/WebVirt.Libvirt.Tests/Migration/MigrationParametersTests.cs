namespace WebVirt.Libvirt.Tests.Migration;

// The typed parameters built for virDomainMigrate*3, read back as libvirt reads them, and the job
// statistics record over what virDomainGetJobStats returns. No libvirtd needed.
public sealed class MigrationParametersTests
{
    [Fact]
    public void Parameters_become_one_typed_entry_each_and_one_per_disk()
    {
        var parameters = new MigrationParameters
        {
            MigrateUri = "tcp://127.0.0.1:49300",
            ListenAddress = "127.0.0.1",
            DestinationName = "renamed",
            BandwidthMiBps = 5,
            MigrateDisks = ["vda", "vdb"],
            DisksPort = 49301,
        };

        using TypedParameterList list = parameters.ToTypedParameters();

        Assert.Equal(
            [
                new("migrate_uri", "tcp://127.0.0.1:49300"),
                new("listen_address", "127.0.0.1"),
                new("destination_name", "renamed"),
                new("bandwidth", 5UL),
                new("migrate_disks", "vda"),
                new("migrate_disks", "vdb"),
                new KeyValuePair<string, object>("disks_port", 49301),
            ],
            list.Entries());
        Assert.Equal(7, list.Count);
    }

    [Fact]
    public void Empty_parameters_are_an_empty_list()
    {
        using TypedParameterList list = new MigrationParameters { MigrateUri = string.Empty }.ToTypedParameters();

        Assert.Equal(0, list.Count);
    }

    [Fact]
    public void Job_statistics_read_libvirt_fields_and_leave_missing_ones_null()
    {
        var stats = new DomainJobStats(
            DomainJobType.Unbounded,
            new Dictionary<string, object>
            {
                ["operation"] = 5,
                ["time_elapsed"] = 1733UL,
                ["data_processed"] = 4_730_000UL,
                ["data_remaining"] = 280_000_000UL,
                ["data_total"] = 285_810_688UL,
                ["memory_bps"] = 5_253_120UL,
                ["disk_total"] = 67_108_864UL,
                ["success"] = true,
            });

        Assert.Equal(DomainJobOperation.MigrationOut, stats.Operation);
        Assert.Equal(1733UL, stats.TimeElapsedMs);
        Assert.Equal(4_730_000UL, stats.DataProcessed);
        Assert.Equal(280_000_000UL, stats.DataRemaining);
        Assert.Equal(285_810_688UL, stats.DataTotal);
        Assert.Equal(5_253_120UL, stats.MemoryBytesPerSecond);
        Assert.Equal(67_108_864UL, stats.DiskTotal);
        Assert.True(stats.Success);
        Assert.Null(stats.DowntimeMs);
        Assert.Null(stats.TimeRemainingMs);
        Assert.Null(stats.ErrorMessage);
    }
}
