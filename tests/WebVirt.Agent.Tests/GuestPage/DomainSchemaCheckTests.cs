using Microsoft.Extensions.Logging.Abstractions;
using WebVirt.Contracts;
using WebVirt.Agent.Guests;

namespace WebVirt.Agent.Tests.GuestPage;

/// <summary>
/// How the agent runs virt-xml-validate, with stand-in scripts for the tool: this host's copy may
/// lack xmllint, and a verdict either way must reach the page with the temporary file gone.
/// </summary>
public sealed class DomainSchemaCheckTests : IDisposable
{
    private const string Xml = "<domain type='qemu'><name>x</name></domain>";
    private readonly string _directory = Directory.CreateTempSubdirectory("wvt-page-schema-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_tool_gets_a_file_holding_the_xml_and_the_word_domain_and_exit_0_passes()
    {
        string seen = Path.Combine(_directory, "seen");
        var check = Check(Tool("ok", $"test \"$2\" = domain || exit 9\ncat \"$1\" > '{seen}'\necho \"$1\" >> '{seen}.path'\nexit 0"));

        SchemaVerdict verdict = await check.CheckAsync(Xml, CancellationToken.None);

        Assert.Equal(SchemaVerdict.Passed, verdict);
        Assert.Equal(Xml, await File.ReadAllTextAsync(seen));
        Assert.False(File.Exists((await File.ReadAllTextAsync(seen + ".path")).Trim()), "the temporary file is removed");
    }

    [Fact]
    public async Task A_refusal_carries_the_tools_message_naming_the_edited_xml_not_the_temporary_file()
    {
        var check = Check(Tool("refuse", "echo \"$1:1: element bogus: Relax-NG validity error : Did not expect element bogus there\" >&2\necho \"$1 fails to validate\" >&2\nexit 3"));

        SchemaVerdict verdict = await check.CheckAsync(Xml, CancellationToken.None);

        Assert.Equal((false, false), (verdict.Valid, verdict.Skipped));
        Assert.Equal(Failure.Of(ErrorCodes.SchemaRefused, "edited XML:1: element bogus: Relax-NG validity error : Did not expect element bogus there\nedited XML fails to validate").ToString(), verdict.Failure?.ToString());
    }

    [Fact]
    public async Task A_tool_that_cannot_find_xmllint_skips_the_check_and_says_so()
    {
        var check = Check(Tool("nolint", "echo \"$0: 144: xmllint: not found\" >&2\nexit 127"));

        SchemaVerdict verdict = await check.CheckAsync(Xml, CancellationToken.None);

        Assert.Equal((true, true), (verdict.Valid, verdict.Skipped));
        Assert.Equal(ErrorCodes.SchemaToolBroken, verdict.Failure?.Code);
        Assert.Contains("xmllint: not found", verdict.Failure!.Args[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_tool_skips_the_check_and_says_so()
    {
        string missing = Path.Combine(_directory, "virt-xml-validate");

        SchemaVerdict verdict = await Check(missing).CheckAsync(Xml, CancellationToken.None);

        Assert.Equal((true, true), (verdict.Valid, verdict.Skipped));
        Assert.Equal(Failure.Of(ErrorCodes.SchemaToolMissing, missing).ToString(), verdict.Failure?.ToString());
    }

    [Fact]
    public async Task A_tool_that_hangs_is_stopped_at_the_timeout_and_refuses()
    {
        var check = new DomainSchemaCheck(Tool("hang", "sleep 30"), NullLogger<DomainSchemaCheck>.Instance, TimeSpan.FromSeconds(1));
        var started = DateTime.UtcNow;

        SchemaVerdict verdict = await check.CheckAsync(Xml, CancellationToken.None);

        Assert.Equal((false, Failure.Of(ErrorCodes.SchemaTimeout, "1").ToString()), (verdict.Valid, verdict.Failure?.ToString()));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
    }

    private static DomainSchemaCheck Check(string tool) => new(tool, NullLogger<DomainSchemaCheck>.Instance);

    private string Tool(string name, string body)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
