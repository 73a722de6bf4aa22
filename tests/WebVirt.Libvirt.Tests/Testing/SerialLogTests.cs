using WebVirt.Testing;

namespace WebVirt.Libvirt.Tests.Testing;

public sealed class SerialLogTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"wvt-seriallog-{Guid.NewGuid():N}.log");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Ansi_escapes_are_stripped()
    {
        Assert.Equal(
            "webvirt-testguest:~# echo hi",
            AnsiEscapes.Strip("\u001b[6nwebvirt-testguest:~# \u001b[1;32mecho\u001b[0m hi"));
    }

    [Fact]
    public async Task Text_split_by_escapes_is_found_once_written()
    {
        Task<string> waiting = SerialLog.WaitForAsync(_path, "WEBVIRT TEST GUEST READY", TimeSpan.FromSeconds(10));
        await Task.Delay(300);
        await File.WriteAllTextAsync(_path, "boot...\r\nWEBVIRT TEST\u001b[6n GUEST READY\r\n");

        string content = await waiting;

        Assert.Contains("WEBVIRT TEST GUEST READY", content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_text_times_out_with_the_log_tail()
    {
        await File.WriteAllTextAsync(_path, "kernel panic\n");

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(
            () => SerialLog.WaitForAsync(_path, "WEBVIRT TEST GUEST READY", TimeSpan.FromMilliseconds(500)));

        Assert.Contains("kernel panic", error.Message, StringComparison.Ordinal);
    }
}
