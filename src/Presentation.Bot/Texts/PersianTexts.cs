using System.Globalization;
using CleanBot.Application.Abstractions.Persistence;
using CleanBot.Application.Features.Help;
using CleanBot.Application.Features.NotText;
using CleanBot.Domain.Users;

namespace CleanBot.Presentation.Bot.Texts;

internal sealed class PersianTexts : BotTexts
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fa-IR");

    public override string QuotaExhausted =>
        "سهمیهٔ هوش مصنوعی من فعلاً تمام شده و نمی‌توانم پاسخ بدهم. لطفاً بعداً (معمولاً فردا) دوباره امتحان کنید.";

    public override string Blocked =>
        "نمی‌توانم به این پاسخ بدهم: قوانین ایمنی هوش مصنوعی جلوی آن را گرفت. لطفاً سؤال را به شکل دیگری بپرسید.";

    public override string ConversationTooLong =>
        "این گفت‌وگو برای من بیش از حد طولانی شده است. برای شروع گفت‌وگوی تازه /new را بفرستید.";

    public override string ModelUnavailable =>
        "الان به هوش مصنوعی دسترسی ندارم. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید؛ پیام شما ذخیره شده است.";

    public override string EmptyText => "لطفاً سؤالتان را به صورت متن بنویسید.";

    public override string InvalidRequest => "متأسفم، این پیام را متوجه نشدم.";

    public override string DescribeImagePrompt => "این تصویر را توضیح بده.";

    public override string ImageEmpty => "این تصویر خالی به دستم رسید. لطفاً دوباره بفرستید.";

    public override string ImageTypeNotSupported =>
        "فقط تصویرهای JPEG، PNG، WebP و HEIC را می‌توانم بخوانم. لطفاً تصویر را در یکی از این قالب‌ها بفرستید.";

    public override string UnexpectedError => "متأسفم، مشکلی در سمت من پیش آمد. لطفاً دوباره امتحان کنید.";

    public override string AccessDenied =>
        "متأسفم، این ربات خصوصی است و فقط به کسانی پاسخ می‌دهد که صاحبش به آن‌ها دسترسی داده است. نمی‌توانم به پیام‌های شما پاسخ بدهم.";

    public override string DailyTokenQuotaUsed =>
        "سهمیهٔ امروز شما از پاسخ‌های هوش مصنوعی تمام شده است. سهمیه ساعت ۰۰:۰۰ به وقت UTC دوباره پر می‌شود؛ لطفاً بعد از آن دوباره بنویسید.";

    public override string AdminsOnly => "متأسفم، این دستور فقط برای مدیران ربات است.";

    public override string AskHint =>
        "سؤالتان را بعد از دستور بنویسید، مثلاً: /ask پایتخت ایسلند کجاست؟";

    public override string Usage(UserUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        return $"""
            مصرف شما (روز و ماه به وقت UTC):
            امروز: {Figures(usage.Today)}
            این ماه: {Figures(usage.ThisMonth)}
            از ابتدا تا حالا: {Figures(usage.AllTime)}

            پیام‌ها همان‌هایی است که در همهٔ گفت‌وگوها برایم نوشته‌اید؛ توکن‌ها را هوش مصنوعی برای پاسخ‌ها شمرده است.
            """;
    }

    public override string Statistics(BotStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return $"""
            آمار ربات (امروز = از ساعت ۰۰:۰۰ به وقت UTC):
            کاربران: {Number(statistics.Users)}، فعال امروز: {Number(statistics.ActiveToday)}
            پیام‌ها: {Number(statistics.AllTime.Messages)}، امروز: {Number(statistics.Today.Messages)}
            توکن‌ها: {Number(statistics.AllTime.Tokens)}، امروز: {Number(statistics.Today.Tokens)}
            """;
    }

    /// <summary>Persian digits and the Persian thousands separator: ۱۲٬۳۴۵. Written out rather than left to
    /// fa-IR formatting, which keeps Latin digits.</summary>
    public static string Number(long value)
    {
        var latin = value.ToString("N0", CultureInfo.InvariantCulture);
        return string.Create(latin.Length, latin, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    >= '0' and <= '9' => (char)('۰' + (source[i] - '0')),
                    ',' => '٬',
                    var other => other,
                };
            }
        });
    }

    public override string Welcome(string firstName, bool isNewUser) =>
        isNewUser
            ? $"سلام {firstName}! من CleanBot هستم، یک دستیار هوش مصنوعی. هر سؤالی دارید به فارسی یا انگلیسی بپرسید. برای دیدن امکانات /help را بفرستید."
            : $"{firstName}، خوش برگشتید! هر سؤالی دارید بپرسید. /new یک گفت‌وگوی تازه شروع می‌کند.";

    protected override string HelpIntroduction =>
        "کافی است برایم بنویسید تا پاسخ بدهم. گفت‌وگوی ما را تا وقتی گفت‌وگوی تازه‌ای شروع نکنید به خاطر می‌سپارم.";

    protected override string MessageLengthLimit(int maxInputCharacters) =>
        $"هر پیام می‌تواند تا {maxInputCharacters.ToString("N0", Culture)} نویسه باشد.";

    protected override string PhotoUsage =>
        "عکسی بفرستید و سؤالتان را در توضیح (کپشن) آن بنویسید تا نگاهش کنم.";

    protected override string InlineUsage(string username) =>
        $"در هر گفت‌وگویی @{username} و بعد سؤالتان را بنویسید تا پاسخی کوتاه همان‌جا بفرستید.";

    public override string CommandDescription(BotCommand command) => command switch
    {
        BotCommand.Start => "معرفی",
        BotCommand.Help => "راهنما",
        BotCommand.Reset => "فراموش کردن این گفت‌وگو",
        BotCommand.New => "شروع گفت‌وگوی تازه",
        BotCommand.Mode => "انتخاب شیوهٔ پاسخ: دستیار، مترجم، برنامه‌نویسی، ویرایش، معلم",
        BotCommand.Lang => "انتخاب زبانی که با شما صحبت می‌کنم",
        BotCommand.Usage => "پیام‌ها و توکن‌های مصرفی شما",
        BotCommand.Stats => "آمار ربات (ویژهٔ مدیران)",
        BotCommand.Ask => "پرسیدن سؤال، در گروه‌ها هم",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    public override string SessionReset(bool hadSession) =>
        hadSession
            ? "انجام شد: گفت‌وگوی ما بسته شد. پیام بعدی شما گفت‌وگوی تازه‌ای را شروع می‌کند."
            : "گفت‌وگوی تازه‌ای در کار است. هر سؤالی دارید بپرسید.";

    public override string ModelBusy(TimeSpan? retryAfter) =>
        WholeSeconds(retryAfter) is var seconds and > 0
            ? $"هوش مصنوعی الان سرش شلوغ است. لطفاً {seconds.ToString("N0", Culture)} ثانیهٔ دیگر دوباره امتحان کنید."
            : "هوش مصنوعی الان سرش شلوغ است. لطفاً کمی بعد دوباره امتحان کنید.";

    public override string TooManyMessages(TimeSpan? retryAfter) =>
        WholeSeconds(retryAfter) is var seconds and > 0
            ? $"پیام‌ها را سریع‌تر از آنچه بتوانم پاسخ بدهم می‌فرستید. لطفاً {seconds.ToString("N0", Culture)} ثانیه صبر کنید و بعد دوباره بنویسید."
            : "پیام‌ها را سریع‌تر از آنچه بتوانم پاسخ بدهم می‌فرستید. لطفاً یک دقیقه صبر کنید و بعد دوباره بنویسید.";

    private static string Figures(UsageTotals totals) => $"{Number(totals.Messages)} پیام، {Number(totals.Tokens)} توکن";

    public override string NotSupported(NotTextKind kind) => kind switch
    {
        NotTextKind.Sticker => "استیکر هنوز پشتیبانی نمی‌شود. لطفاً سؤالتان را بنویسید.",
        NotTextKind.Voice => "پیام صوتی هنوز پشتیبانی نمی‌شود. لطفاً سؤالتان را بنویسید.",
        NotTextKind.Audio => "فایل صوتی هنوز پشتیبانی نمی‌شود. لطفاً سؤالتان را بنویسید.",
        NotTextKind.Video => "ویدیو هنوز پشتیبانی نمی‌شود. لطفاً سؤالتان را بنویسید یا یک عکس بفرستید.",
        NotTextKind.VideoNote => "پیام ویدیویی هنوز پشتیبانی نمی‌شود. لطفاً سؤالتان را بنویسید.",
        NotTextKind.Animation => "گیف هنوز پشتیبانی نمی‌شود. لطفاً سؤالتان را بنویسید یا یک عکس بفرستید.",
        NotTextKind.Document => "این نوع فایل را هنوز نمی‌توانم بخوانم. لطفاً متن یا یک تصویر (JPEG، PNG، WebP یا HEIC) بفرستید.",
        NotTextKind.UnavailableImage => "نتوانستم این تصویر را از تلگرام دریافت کنم. لطفاً دوباره بفرستید.",
        _ => "فعلاً فقط متن و عکس را می‌توانم بخوانم. لطفاً سؤالتان را بنویسید.",
    };

    public override string ImageTooLarge(int maxBytes) =>
        $"این تصویر برای من بیش از حد بزرگ است: حداکثر حجم {Megabytes(maxBytes).ToString("0.#", Culture)} مگابایت است. لطفاً تصویر کوچک‌تری بفرستید (اگر آن را به صورت عکس بفرستید، نه فایل، حجمش کمتر می‌شود).";

    public override string TextTooLong(int maxCharacters) =>
        $"این پیام برای من بیش از حد طولانی است. لطفاً آن را کوتاه‌تر از {maxCharacters.ToString("N0", Culture)} نویسه کنید یا در چند بخش بفرستید.";

    public override string InlineHintButton => "سؤالتان را بعد از نام من بنویسید";

    public override string InlineNotAnsweredTitle => "این بار پاسخی ندارم";

    public override string InlineRefusedTitle => "نمی‌توانم به این پاسخ بدهم";

    public override string InlineTooSlow =>
        "پاسخ هوش مصنوعی بیش از حد طول کشید. کمی بعد دوباره امتحان کنید یا در گفت‌وگوی خصوصی با من بپرسید؛ آنجا وقت بیشتری دارم.";

    public override string InlineModelUnavailable => "الان به هوش مصنوعی دسترسی ندارم. لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید.";

    public override string PersonaName(Persona persona) => persona switch
    {
        Persona.Assistant => "دستیار",
        Persona.Translator => "مترجم",
        Persona.CodeHelper => "کمک‌یار برنامه‌نویسی",
        Persona.WritingEditor => "ویراستار",
        Persona.Tutor => "معلم",
        _ => throw new ArgumentOutOfRangeException(nameof(persona), persona, null),
    };

    public override string PersonaDescription(Persona persona) => persona switch
    {
        Persona.Assistant => "به هر سؤالی پاسخ می‌دهد و گپ می‌زند",
        Persona.Translator => "فارسی را به انگلیسی و انگلیسی را به فارسی ترجمه می‌کند",
        Persona.CodeHelper => "کد می‌نویسد، توضیح می‌دهد و اشکالش را برطرف می‌کند",
        Persona.WritingEditor => "متن‌های شما را درست و روان می‌کند",
        Persona.Tutor => "گام‌به‌گام توضیح می‌دهد و می‌سنجد که مطلب را فهمیده‌اید",
        _ => throw new ArgumentOutOfRangeException(nameof(persona), persona, null),
    };

    protected override string PersonaMenuIntroduction(string currentName) =>
        $"حالت فعلی: {currentName}. انتخاب کنید چگونه پاسخ بدهم:";

    public override string PersonaChosen(Persona persona, bool sessionEnded) =>
        sessionEnded
            ? $"حالت: {PersonaName(persona)}. برای آن گفت‌وگوی تازه‌ای شروع کردم؛ برای تغییر دوباره /mode را بفرستید."
            : $"حالت: {PersonaName(persona)}. برای تغییر دوباره /mode را بفرستید.";

    public override string PersonaChosenToast(Persona persona) => $"حالت: {PersonaName(persona)}";

    public override string LanguageMenu => "زبانی را که با شما صحبت کنم انتخاب کنید:";

    public override string LanguageChosen => "انجام شد: از این به بعد با شما فارسی صحبت می‌کنم. برای تغییر آن /lang را بفرستید.";

    public override string LanguageChosenToast => "زبان: فارسی";

    public override string UnknownButton => "این دکمه دیگر کار نمی‌کند. برای منوی تازه /mode یا /lang را بفرستید.";
}
