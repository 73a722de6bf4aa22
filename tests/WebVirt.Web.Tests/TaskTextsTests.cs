using System.Globalization;
using System.Reflection;
using WebVirt.Contracts;
using WebVirt.Web.Formatting;

namespace WebVirt.Web.Tests;

/// <summary>A task's log lines and error travel as codes; the console words them in the user's language.</summary>
public sealed class TaskTextsTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    /// <summary>Every code a task's log or error can carry (the Task.* section of the catalogue, and the cause for file and network errors).</summary>
    public static TheoryData<string> TaskCodes() => new(
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(code => code.StartsWith("Task.", StringComparison.Ordinal) || code == ErrorCodes.IoFailed));

    [Theory]
    [MemberData(nameof(TaskCodes))]
    public void Every_task_code_is_worded_in_english_and_in_chinese_with_every_argument(string code)
    {
        var text = TaskText.Of(code, "arg-zero", "arg-one", "arg-two", "arg-three");

        string english = AgentTexts.FormatIn(text, English);
        string chinese = AgentTexts.FormatIn(text, Chinese);

        // A code without a text comes back as the code itself; a missing argument leaves a placeholder.
        Assert.DoesNotContain(code, english, StringComparison.Ordinal);
        Assert.DoesNotContain(code, chinese, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\{\d+\}", english);
        Assert.DoesNotMatch(@"\{\d+\}", chinese);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", chinese);
        Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", english);
    }

    [Fact]
    public void A_failed_step_names_the_step_and_words_libvirts_cause_in_the_users_language()
    {
        var error = TaskText.Of(ErrorCodes.TaskFailedStart).Because(Failure.Of("VIR_ERR_INTERNAL_ERROR", "process exited while connecting to monitor"));

        Assert.Equal("Starting the guest failed: libvirt refused (VIR_ERR_INTERNAL_ERROR): process exited while connecting to monitor", AgentTexts.FormatIn(error, English));
        Assert.Equal("启动虚拟机失败：libvirt 拒绝了操作（VIR_ERR_INTERNAL_ERROR）：process exited while connecting to monitor", AgentTexts.FormatIn(error, Chinese));
    }

    [Fact]
    public void What_an_interrupted_task_left_is_listed_by_name_in_the_users_language()
    {
        var error = TaskText.Of(
            ErrorCodes.TaskInterruptedCleaned,
            TaskArguments.Leftovers(["volume:pool1/web.qcow2", "guest:3f1a2b3c-0000-4000-8000-000000000001"]),
            TaskArguments.Leftovers([]));

        Assert.Equal(
            "Interrupted: the agent stopped while the task ran. Removed: volume web.qcow2 in pool pool1, guest 3f1a2b3c-0000-4000-8000-000000000001. Left (use Clean up): nothing.",
            AgentTexts.FormatIn(error, English));
        Assert.Equal(
            "已中断：任务运行时代理停止了。已删除：存储池 pool1 中的卷 web.qcow2, 虚拟机 3f1a2b3c-0000-4000-8000-000000000001。遗留（请使用“清理”）：无。",
            AgentTexts.FormatIn(error, Chinese));
    }

    [Fact]
    public void Sizes_are_data_formatted_in_the_users_culture()
    {
        var line = TaskText.Of(ErrorCodes.TaskUploading, TaskArguments.Bytes(1536L * 1024 * 1024), "isos", "debian.iso");

        Assert.Equal("Uploading 1.5 GiB into isos/debian.iso", AgentTexts.FormatIn(line, English));
        Assert.Equal("Uploading 1,5 GiB into isos/debian.iso", AgentTexts.FormatIn(line, CultureInfo.GetCultureInfo("de")));
        Assert.Equal("正在将 1.5 GiB 上传到 isos/debian.iso", AgentTexts.FormatIn(line, Chinese));
        Assert.Equal("Kernel downloaded (512 B)", AgentTexts.FormatIn(TaskText.Of(ErrorCodes.TaskKernelDownloaded, TaskArguments.Bytes(512)), English));
    }

    [Fact]
    public void Text_an_older_agent_stored_in_plain_words_is_shown_as_it_is_in_every_language()
    {
        var line = new TaskLogEntry(null, TaskText.Stored("12:00:01 Step 'start' failed: boom"));

        Assert.Equal("12:00:01 Step 'start' failed: boom", AgentTexts.FormatIn(line, Chinese));
        Assert.Equal("Interrupted: the agent stopped while the task ran.", AgentTexts.FormatIn(TaskText.Stored("Interrupted: the agent stopped while the task ran."), Chinese));
    }

    [Fact]
    public void A_log_line_carries_its_time_in_the_users_clock_and_an_unknown_code_is_not_lost()
    {
        var at = new DateTimeOffset(2026, 12, 4, 15, 30, 5, TimeSpan.Zero);
        var line = new TaskLogEntry(at, TaskText.Of(ErrorCodes.TaskDefined, "uuid-1"));

        Assert.Equal(at.ToLocalTime().ToString("T", Chinese) + " 虚拟机已定义，UUID 为 uuid-1", AgentTexts.FormatIn(line, Chinese));
        Assert.Equal("Task.Newer(a) <- x", $"{AgentTexts.FormatIn(TaskText.Of("Task.Newer", "a"), English)} <- x");
        Assert.Equal("Task.Newer(a, Starting the guest)", AgentTexts.FormatIn(TaskText.Of("Task.Newer", "a").Because(Failure.Of(ErrorCodes.TaskStarting)), English));
    }
}
