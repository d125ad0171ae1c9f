using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using static Gaoxin.Features.Shared.Text;

namespace Gaoxin.Features.Errors;

/// <summary>Where the site's error pages live: <c>/error/{status}</c>, reached by re-execution of a failed page request.</summary>
public static class ErrorPages
{
    public const string Path = "/error";
}

/// <summary>
/// The site's error page: a missing page, a refused one, input the server refused, or a fault, in the visitor's language
/// with the site's layout and a way home. API requests never come here: they get problem+json (Problems).
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }

    /// <summary>Why input was refused, when a page's form broke a limit (InputLimits).</summary>
    public string? Detail { get; private set; }

    public string Heading => Status switch
    {
        400 => T("请求无法处理", "Bad request"),
        403 => T("无权访问", "Not allowed"),
        404 => T("页面不存在", "Page not found"),
        405 => T("不支持的请求", "Method not allowed"),
        413 => T("上传的内容过大", "Upload too large"),
        422 => T("输入有误", "Input refused"),
        429 => T("请求过于频繁", "Too many requests"),
        >= 500 => T("服务器出错", "Server error"),
        _ => T("请求未能完成", "The request could not be completed"),
    };

    public string Explanation => Status switch
    {
        400 => T("请求无法读取,表单可能已过期。请返回上一页刷新后重试。", "The request could not be read; the form may have expired. Go back, reload the page and try again."),
        403 => T("当前账号无权查看或修改该内容。", "Your account may not see or change this."),
        404 => T("您要找的页面不存在,可能地址有误或内容已被删除。", "The page you asked for does not exist; the address may be mistyped or the content removed."),
        405 => T("该地址不接受这种请求。", "This address does not take this kind of request."),
        413 => T("上传的文件超过了服务器允许的大小。", "The uploaded file is larger than the server accepts."),
        422 => T("提交的内容未通过检查。", "What was sent did not pass the checks."),
        429 => T("操作过于频繁,请稍候一分钟再试。", "Too many attempts; wait a minute and try again."),
        >= 500 => T("服务器处理请求时发生意外错误,已记录在日志中。请稍后再试。", "An unexpected error occurred and was logged. Please try again later."),
        _ => T("请返回首页重试。", "Go back to the home page and try again."),
    };

    public void OnGet(int status) => Show(status);

    public void OnPost(int status) => Show(status);

    private void Show(int status)
    {
        Status = status is >= 400 and <= 599 ? status : 404;
        var error = HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is Core.InputRefusedException refused)
        {
            Status = StatusCodes.Status422UnprocessableEntity;
            Detail = Shared.InputText.Describe(refused.Problem, IsEnglish);
        }
        else if (error is BadHttpRequestException bad) Status = bad.StatusCode;
        Response.StatusCode = Status;
    }
}
