using WebVirt.Agent.Tasks;
using WebVirt.Contracts;
using WebVirt.Agent.LocalState;

namespace WebVirt.Agent.Tests;

/// <summary>A task's log and error are kept as codes with arguments; rows older agents wrote in words still read.</summary>
public sealed class StoredTaskTextsTests
{
    [Fact]
    public void A_log_line_and_an_error_with_a_cause_are_kept_as_json_and_read_back_the_same()
    {
        var at = new DateTimeOffset(2026, 12, 4, 15, 30, 5, TimeSpan.Zero);
        var line = new TaskLogEntry(at, TaskText.Of(ErrorCodes.TaskUploading, TaskArguments.Bytes(1024), "isos", "a.iso"));
        var error = TaskText.Of(ErrorCodes.TaskFailedDefine).Because(new Failure("VIR_ERR_XML_ERROR", ["bad xml"], HintKeys.LibvirtDown));

        string storedLine = StoredTaskTexts.Write(line);
        string storedError = StoredTaskTexts.Write(error);

        Assert.StartsWith("{", storedLine, StringComparison.Ordinal);
        Assert.Contains("\"code\":\"Task.Uploading\"", storedLine, StringComparison.Ordinal);
        Assert.DoesNotContain("cause", storedLine, StringComparison.Ordinal);
        var readLine = StoredTaskTexts.ReadLine(storedLine);
        Assert.Equal((at, line.Text.Code), (readLine.At, readLine.Text.Code));
        Assert.Equal(line.Text.Args, readLine.Text.Args);
        var readError = StoredTaskTexts.ReadText(storedError);
        Assert.Equal(ErrorCodes.TaskFailedDefine, readError.Code);
        Assert.Empty(readError.Args);
        Assert.Equal(("VIR_ERR_XML_ERROR", "bad xml", HintKeys.LibvirtDown), (readError.Cause!.Code, readError.Cause.Args.Single(), readError.Cause.HintKey));
    }

    [Fact]
    public void A_row_an_older_agent_wrote_in_words_reads_back_as_its_text()
    {
        var record = new LocalTaskRecord
        {
            Id = Guid.NewGuid(),
            HostId = "h1",
            Kind = "clone",
            Target = "web1",
            State = "Failed",
            Log = ["12:00:00 Copying /p/a.img to b.img in pool p", "{not json"],
            Error = "Step 'copy disks' failed: no space",
        };

        var task = TaskTracker.FromRecord(record);

        // Records compare their argument lists by reference, so the texts are compared as written.
        Assert.Equal([TaskText.Stored("12:00:00 Copying /p/a.img to b.img in pool p").ToString(), TaskText.Stored("{not json").ToString()], task.Log.Select(l => l.Text.ToString()));
        Assert.All(task.Log, l => Assert.Null(l.At));
        Assert.Equal(TaskText.StoredCode, task.Error!.Code);
        Assert.Equal(["Step 'copy disks' failed: no space"], task.Error.Args);
        Assert.Equal("Step 'copy disks' failed: no space", StoredTaskTexts.Write(task.Error!));
    }
}
