#!/usr/bin/env python3
"""Generate the template-expanded part of corpora/zh (news, service dialogues, travel, reviews, mixed zh/en).

Hand-written files (everyday, science, stories, food, tech) are not touched. Deterministic.
Run: python3 corpora/tools/make_zh.py
"""
import os
import random
import re

OUT = os.path.join(os.path.dirname(__file__), "..", "zh")
SURN = list("王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢傅钟姜崔谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛")
GIVEN = ["晓明", "丽华", "建国", "雨桐", "子涵", "浩然", "思远", "婷婷", "志强", "欣怡", "宇航", "佳琪", "文博", "梦瑶", "国栋",
         "嘉怡", "俊杰", "秀英", "海波", "一鸣", "若曦", "小龙", "静怡", "天宇", "雅琴", "立新", "明轩", "春燕"]
CITY_A = list("青云江河临清安平长宁白石东西南北新丰金玉溪")
CITY_B = ["川", "州", "阳", "城", "港", "桥", "湾", "山", "原", "林", "源", "台"]
FOODS = ["桂花糕", "牛肉面", "葱油饼", "酸辣粉", "小笼包", "烤鸭", "糖醋鱼", "豆腐脑", "羊肉串", "煎饼果子", "汤圆", "粽子"]
PRODUCTS = ["电热水壶", "登山鞋", "电饭煲", "台灯", "双肩包", "蓝牙音箱", "电动牙刷", "瑜伽垫", "羽绒服", "手机壳", "办公椅",
            "空气炸锅", "耳机", "自行车灯", "被子", "榨汁机"]
SLOT = {
    "city": lambda r: r.choice(CITY_A) + r.choice(CITY_B) + r.choice(["市", "县", "镇", ""]),
    "name": lambda r: r.choice(SURN) + r.choice(GIVEN),
    "sur": lambda r: r.choice(SURN),
    "n": lambda r: r.randint(2, 19),
    "num": lambda r: r.randint(20, 950),
    "big": lambda r: r.randint(1000, 60000),
    "pct": lambda r: r.randint(3, 45),
    "yuan": lambda r: r.choice([r.randint(5, 99), r.randint(100, 999)]),
    "amount": lambda r: r.choice([f"{r.randint(100, 9999)}元", f"{r.randint(1, 50)}000元", f"¥{r.randint(50, 9999)}",
                                  f"{r.randint(20, 900)}美元", f"{r.randint(20, 900)}欧元"]),
    "month": lambda r: r.randint(1, 12),
    "day": lambda r: r.randint(1, 28),
    "year": lambda r: r.randint(1950, 2025),
    "hour": lambda r: r.randint(6, 22),
    "pm": lambda r: r.randint(1, 5),
    "weekday": lambda r: "周" + r.choice("一二三四五六日"),
    "food": lambda r: r.choice(FOODS),
    "product": lambda r: r.choice(PRODUCTS),
    "order": lambda r: str(r.randint(10000000, 99999999)),
    "tx": lambda r: f"TX-{r.randint(100000, 999999)}",
    "last4": lambda r: f"{r.randint(0, 9999):04d}",
    "km": lambda r: r.randint(3, 80),
    "temp": lambda r: r.randint(35, 43),
    "bank": lambda r: r.choice(["北风银行", "云帆银行", "长桥银行"]),
}


def fill(r, t, shared):
    cache = dict(shared)

    def sub(m):
        k = m.group(1)
        if k not in cache:
            cache[k] = SLOT[re.sub(r"\d+$", "", k)](r)
        return str(cache[k])
    return re.sub(r"\{(\w+)\}", sub, t)


NEWS = [
 (["{city}{weekday}举行第{n}届{food}美食节，两天时间吸引游客超过{big}人次。", "第{n}届{food}美食节在{city}开幕，老街上挤满了来自各地的游客。"],
  ["活动现场设置了{num}个摊位，不少老字号排起了长队。", "组委会统计，仅周六一天就卖出{food}{big}份。", "有的摊位不到中午就卖完了，摊主只好提前收摊。",
   "现场还举办了厨艺比赛，冠军由本地厨师{name}获得。", "志愿者们在活动结束后清理出{n}车垃圾。"],
  ["“没想到人这么多，准备的材料早就用光了。”摊主{name}笑着说。", "“我专门从{city2}开车过来，排了四十分钟队，值了。”游客{name}说。"],
  ["明年的美食节预计在{month}月举行。", "主办方表示，今后将增加更多休息区和饮水点。"]),
 (["受强降雨影响，{city}{weekday}出现大面积积水，多条道路临时封闭。", "{city}遭遇今年以来最强降雨，部分低洼小区进水。"],
  ["气象部门数据显示，二十四小时降雨量达到{num}毫米。", "消防人员从积水中救出{n}名被困群众。", "电力公司表示，约{big}户居民一度停电，目前已基本恢复。",
   "当地中小学提前放学，并通知家长在下午{hour}点前接孩子。", "五金店的沙袋和手电筒一度卖断货。"],
  ["“水二十分钟就漫进了一楼，我们抱着狗就往楼上跑。”居民{name}说。", "“请大家不要开车涉水，水比看起来要深得多。”消防队员{name}提醒。"],
  ["预计未来两天仍有阵雨，市民出行请注意安全。", "清理工作预计需要数天时间。"]),
 (["{city}气温{weekday}达到{temp}摄氏度，刷新当地同期最高纪录。", "持续高温笼罩{city}，最高气温连续{n}天超过三十五摄氏度。"],
  ["医院接诊的中暑病人明显增加，其中大多数是老人。", "图书馆和社区中心开放了纳凉点，免费提供饮用水。", "部分户外工地调整了作息时间，中午停工休息。",
   "冰淇淋和西瓜的销量比平时增加了{pct}%。"],
  ["“我在这儿住了一辈子，从没见过这么热的天。”{n}十多岁的{name}说。", "“请大家多关心身边独居的老人。”社区医生{name}说。"],
  ["气象部门预计，{weekday}起将有一次降温过程。"]),
 (["{city}一家经营了{num}年的老面包店宣布将于{month}月{day}日停业，店主称原因是房租和电费上涨。", "开了{num}年的{sur}记面包店即将关门，老顾客纷纷前来告别。"],
  ["店主说，两年里每月的电费从{yuan}元涨到了{big}元。", "店里的招牌{food}一直沿用开店时的配方。", "闭店消息传出后，门口贴满了顾客手写的留言。"],
  ["“实在撑不下去了，心里很难受。”店主{name}说。", "“我在这儿买了三十年面包，以后不知道去哪儿买了。”老顾客{name}说。"],
  ["店主希望有人能接手这家店。"]),
 (["{city}一家由旧消防站改造的书店兼咖啡馆{weekday}开业，门口排起了长队。", "旧消防站变身书店，{city}市民多了一个看书喝咖啡的好去处。"],
  ["原来消防站里的滑杆被保留了下来，立在儿童阅读区的正中间。", "一杯咖啡加一块点心{yuan}元起，每天营业到晚上{hour}点。", "店主通过众筹筹集了一部分资金，支持者有{num}人。"],
  ["“大家都说书店在这儿活不下去，我们想证明不是这样。”店主{name}说。"], []),
 (["{city}本地队{weekday}以三比二逆转战胜{city2}队，制胜球出现在第八十九分钟。", "{name}在比赛最后时刻打进一球，帮助{city}队三比二取胜。"],
  ["现场观众达到{big}人，是球队十多年来最多的一次。", "比赛当天又冷又有风，好几名球员下场前出现抽筋。", "这场胜利让{city}队在积分榜上升至第{n}位。"],
  ["“中场休息时我跟他们说，别慌，踢自己的球。”主教练{name}说。"], ["球队下一场比赛将在{weekday}主场进行。"]),
 (["超过{big}名跑者参加了{weekday}举行的{city}半程马拉松，参赛人数创历史新高。"],
  ["男子组冠军{name}的成绩是一小时0{n}分。", "{num}名志愿者在沿途为选手提供饮用水和香蕉。", "一名选手穿着灯塔造型的服装跑完全程，引来不少掌声。",
   "参赛选手共为本地公益项目筹集善款{big}元。"],
  ["“跑到十五公里的时候腿已经不行了，是观众把我推到终点的。”跑者{name}说。"], ["明年的报名将于{month}月{day}日开始。"]),
 (["{city}大学的研究团队称，他们找到了一种能在凝固过程中吸收二氧化碳的混凝土。", "{city}的科研人员发现一种深海乌贼的活体影像，这在世界上尚属首次。"],
  ["研究团队在{n}个月内对{num}个样品进行了测试。", "其他科学家对结果表示欢迎，但也提醒需要独立团队重复验证。", "这段影像是在大约{big}米深的海底拍摄到的。"],
  ["“我们自己也很意外，本来是在找别的东西。”项目负责人{name}说。"], ["团队计划明年开展更大规模的试验。"]),
 (["从{month}月{day}日起，{city}至{city2}的列车将有{n}个周末改由大巴接驳，以便进行线路改造。", "一条连接{city}和{city2}的自行车道{weekday}正式开通，全长{km}公里。"],
  ["改造工程包括更换{km}公里铁轨和重建两座桥梁。", "自行车道沿着一条废弃铁路修建，沿途每隔一公里设有长椅。", "调查显示，{pct}%的通勤者表示，如果路线安全，他们愿意多骑车。"],
  ["“孩子们终于可以不走大马路骑车上学了。”家长{name}说。", "“虽然麻烦一点，但这条线确实需要修了。”乘客{name}说。"], ["运营方对给乘客带来的不便表示歉意。"]),
 (["{city}一只名叫“团团”的乌龟在离家出走{n}周后，终于被找了回来。", "{city}的志愿者在一个周末种下了{big}棵树。"],
  ["团团被发现时正在三条街外的一块菜地里吃生菜。", "邻居们贴寻龟启事、在网上转发，有一家人每天晚上都打着手电筒检查自家的小仓库。",
   "树苗大多是柳树和水杉，费用来自一次众筹，十天筹到了{big}元。"],
  ["“它特别会逃跑，但我们还是很爱它。”主人{name}说。", "“二十年以后，这里就是一片真正的树林了。”志愿者{name}说。"], []),
]

DIALOGS = [
 [["你好，我的银行卡好像丢了，昨天在超市还用过。", "我的信用卡找不到了，能帮我冻结一下吗？"],
  ["别着急，我马上帮您冻结。请问卡号后四位是多少？"], ["后四位是{last4}。"],
  ["好的，尾号{last4}的卡已经冻结，新卡会在{n}个工作日内寄到您登记的地址。"], ["那我的自动扣款会受影响吗？", "新卡的密码还是原来的吗？"],
  ["自动扣款是从账户扣的，不受影响。", "新卡的密码和原来一样，不需要重新设置。"]],
 [["我{weekday}给房东转了{amount}，他说还没收到。", "我{month}月{day}日转的一笔钱到现在还没到账，流水号是{tx}。"],
  ["我帮您查一下，请提供一下交易流水号。"], ["流水号是{tx}。"],
  ["查到了，这笔{tx}已于{weekday}从您的账户转出。跨行转账最晚两个工作日到账，请您再耐心等一下。"], ["可以给我一个转账凭证吗？", "以后怎么能快一点？"],
  ["可以，我现在把电子回单发到您的邮箱。", "工作日下午五点前发起的本行转账一般当天就能到账。"]],
 [["我的账单上有一笔{amount}的消费，我根本没买过东西。", "我被重复扣款了，同一个订单{order}扣了两次钱。"],
  ["抱歉给您带来困扰。请问是哪一天的交易？"], ["{month}月{day}日，金额是{amount}。"],
  ["已经为您提交争议处理，编号{tx}，结果会在{n}个工作日内通过短信通知您。"], ["处理期间我的卡还能用吗？", "这会影响我的信用记录吗？"],
  ["为了安全，这张卡已暂时冻结，您可以先在手机银行里使用虚拟卡。", "不会的，提出交易争议不会影响您的信用记录。"]],
 [["我的订单{order}说好{weekday}到，现在还没收到。", "我买的{product}物流信息{n}天没更新了。"],
  ["不好意思，我帮您查一下。请提供一下收货人手机号后四位。"], ["后四位是{last4}。"],
  ["查到了，包裹在中转站滞留了，我已经催促快递加急处理，预计{weekday}送达。"], ["要是那天还没到怎么办？"],
  ["如果那天还没送到，您再联系我们，我们会全额退款。"]],
 [["我想退一个{product}，尺寸不合适。", "收到的{product}是坏的，能退款吗？"],
  ["可以的，我们支持七天无理由退货。麻烦您拍一张照片发给我。"], ["照片已经发过去了。"],
  ["收到了，已经为您办理退款{amount}，会在三到五个工作日内原路退回。"], ["那东西需要寄回去吗？"], ["不需要寄回，给您添麻烦了，非常抱歉。"]],
 [["我家的宽带这个星期每天晚上都断网。", "我家网速特别慢，只有两兆。"],
  ["请问您重启过路由器吗？把电源拔掉三十秒再插上。"], ["重启过两次了，还是不行。"],
  ["我帮您检测了一下，是您所在小区的线路故障，维修人员预计明天{hour}点前修好。"], ["断网这几天的费用能退吗？"],
  ["可以，下个月账单会自动减免{yuan}元。"]],
]
HELLO = ["您好，这里是{company}客服，我是{name}，请问有什么可以帮您？", "您好，很高兴为您服务，请问有什么问题？", "您好，我是客服小{sur}，请讲。"]
BYE = [("请问还有其他可以帮您的吗？", "没有了，谢谢你！", "不客气，祝您生活愉快，再见！"),
       ("还有别的问题吗？", "没了，麻烦你了。", "不麻烦，感谢您的来电。"),
       ("请问还需要别的帮助吗？", "不用了，谢谢。", "好的，再见！")]

TRAVEL = [
 ["我们到{city}的时候已经是晚上{hour}点了，大巴在沿途每个村子都停了一下。", "去{city}要坐{n}个小时的船，单程{yuan}元，一路上只有灰色的海水和海鸥。",
  "我本来没听说过{city}，是火车上一个陌生人告诉我，那是“没人去的最好的小镇”。", "通往{city}的山路在板栗林里绕了{km}公里，小镇才突然出现在山脊上。"],
 ["我们住在一家小民宿，老板{name}每天早上在露台上准备早餐，每五分钟就来给我们添一次茶。", "房间一晚{yuan}元，阳台只有一块毛巾那么大，但窗外的风景弥补了一切。",
  "我订的房间在一家面包店楼上，每天凌晨四点就被面包的香味叫醒。"],
 ["当地的特色是{food}，一份只要{yuan}元，分量大得吓人。", "一定要尝尝广场拐角那家店的{food}，下午{pm}点以前就卖完了。", "晚上我们每天都去夜市，烤串、{food}、炸糕，还有一种酸梅汤，我到现在还想念。"],
 ["山上的古城墙大部分已经坍塌了，但爬上去只要四十分钟，天气好的时候能看到{km}公里以外。", "沿着海边的小路走到下一个村子，一路上是野花、山羊和突然出现的大海。",
  "老城最好不要看地图，每条小巷走到尽头，都是一个有喷泉和长椅的小广场。"],
 ["小贴士：很多小店中午一点到四点午休，买东西最好上午去。", "回城的末班车是晚上{hour}点，吃晚饭别太磨蹭。", "山里的天气变得很快，我们出门时穿短袖，回来时把所有衣服都穿上了。"],
 ["离开{city}的时候，我腿很酸，包里多了一袋无花果干，心里多了一个再来一次的约定。", "在去过的所有地方里，这是我最常跟别人提起的一个。", "三天不够，一个星期可能也不够。"],
]
REVIEWS = [
 "这个{product}用了{n}个月了，还是很好用，物超所值。", "{product}收到了，包装很好，比预计早一天到，五星好评！", "花了{yuan}元买的{product}，做工很好，每天都在用。",
 "客服态度特别好，第一个有问题，第二天就给我换了新的。", "用了{n}周就坏了，{yuan}元买这个太不值了。", "图片看着挺好，实物有点廉价，盖子还关不严。",
 "说明书写得一塌糊涂，还少了两颗螺丝，装了一个小时。", "声音太大了，比描述的大得多，邻居都来敲门了。", "价格还行，但电池只能用{n}个小时，没有宣传的那么久。",
 "质量不错，就是尺码偏小，建议买大一号。", "还行吧，能用，不算惊艳，也不至于退货。三星。", "等了{n}天才发货，催了三次客服都没人回。差评。",
]
MIXED = [
 "今天的meeting改到下午{hour}点了，记得带上laptop。", "这个App的UI设计得很好，但是登录的时候老是报error。", "我刚买了一台MacBook，用起来比Windows顺手多了。",
 "周末去{city}的café喝了一杯latte，环境很chill。", "老板说这个project下周一必须上线，大家今晚都要加班debug了。", "我的password忘了，点了“forgot password”也没收到email。",
 "这家餐厅的brunch很有名，pancake一份{yuan}元。", "Python写的脚本跑了{n}个小时还没跑完，我打算用Swift重写。", "请把report发到我的邮箱，subject写清楚日期，谢谢。",
 "我们用BPE和WordPiece训练了两个tokenizer，词表大小都是8000。", "他的résumé写得很漂亮，HR当天就约了interview。", "这部电影的OST太好听了，我单曲循环了一整天🎧。",
 "今天天气真好☀️，下班后去跑了5 km，感觉很棒！", "订单号{order}显示已签收，但我根本没收到快递😤。", "Happy birthday！祝你生日快乐🎂，天天开心！",
 "我用Visa卡在网上付了{amount}，银行发短信说交易需要验证OTP。", "这次hackathon我们组做了一个chatbot，能回答银行客服的常见问题。",
]


class W:
    def __init__(self, r, cap):
        self.r, self.cap, self.seen = r, cap, {}

    def take(self, t, sh):
        s = fill(self.r, t, sh)
        if self.seen.get(s, 0) >= self.cap:
            return None
        self.seen[s] = self.seen.get(s, 0) + 1
        return s


def shared(r):
    return {k: SLOT[k](r) for k in ("city", "name", "food", "product", "order", "tx", "last4", "amount", "weekday", "bank", "sur")} | \
        {"city2": SLOT["city"](r)}


def gen(fn, seed, target):
    r, out, size, tries = random.Random(seed), [], 0, 0
    w = W(r, 1)
    while size < target and tries < 50000:
        tries += 1
        line = fn(r, w, shared(r))
        if line and line not in out:
            out.append(line)
            size += len(line.encode()) + 1
    return out


def news(r, w, sh):
    o, d, q, c = r.choice(NEWS)
    parts = [w.take(r.choice(o), sh)] + [w.take(x, sh) for x in r.sample(d, k=min(len(d), r.randint(2, 3)))]
    parts.insert(r.randint(1, len(parts)), w.take(r.choice(q), sh))
    if c and r.random() < 0.6:
        parts.append(w.take(r.choice(c), sh))
    parts = [p for p in parts if p]
    return "".join(parts) if len(parts) >= 3 else None


def dialog(r, w, sh):
    i = r.randrange(len(DIALOGS))
    sc, k = DIALOGS[i], r.randrange(2)
    sh["company"] = sh["bank"] if i < 3 else (r.choice(["云集商城", "小鹿网购"]) if i < 5 else "飞速宽带")
    turns = [("客服", fill(r, r.choice(HELLO), sh))] if r.random() < 0.7 else []
    for i, v in enumerate(sc):
        turns.append(("客户" if i % 2 == 0 else "客服", fill(r, v[k % len(v)], sh)))
    if r.random() < 0.6:
        a, b, c = r.choice(BYE)
        turns += [("客服", a), ("客户", b), ("客服", c)]
    return " ".join(f"{who}：{t}" for who, t in turns)


def travel(r, w, sh):
    parts = [w.take(r.choice(TRAVEL[0]), sh)]
    for bank, p in zip(TRAVEL[1:], (0.7, 0.9, 0.8, 0.5, 0.4)):
        if r.random() < p:
            parts.append(w.take(r.choice(bank), sh))
    parts = [p for p in parts if p]
    return "".join(parts) if len(parts) >= 3 else None


def reviews(r, w, sh):
    parts = [w.take(t, sh) for t in r.sample(REVIEWS, k=r.randint(1, 2))]
    parts = [p for p in parts if p]
    return "".join(parts) if parts else None


def mixed(r, w, sh):
    return w.take(r.choice(MIXED), sh)


def main():
    plan = [("news.txt", news, 40_000, 21), ("service-dialogues.txt", dialog, 30_000, 22), ("travel.txt", travel, 12_000, 23),
            ("reviews.txt", reviews, 6_000, 24), ("mixed-zh-en.txt", mixed, 3_000, 25)]
    for name, fn, target, seed in plan:
        lines = gen(fn, seed, target)
        with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        print(f"{name}: {len(lines)} lines, {sum(len(l.encode()) + 1 for l in lines)} bytes")


if __name__ == "__main__":
    main()
