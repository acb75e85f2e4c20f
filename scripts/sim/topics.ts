// What citizens call about in a Tai'an winter: categories (broad to narrow), which unit handles
// them, what kind of request they usually are, and text templates. Placeholders in braces are
// filled by text.ts.
import type { TicketKind } from '../../shared/contract/events.ts';

export interface Topic {
  category: string[];
  /** Relative frequency. */
  weight: number;
  /** Units that handle it: department ids, or `county` for the district's government. */
  depts: string[];
  kinds: Partial<Record<TicketKind, number>>;
  /** Share of urgent tickets (default 3%). */
  urgent?: number;
  titles: string[];
  details: string[];
  demands: string[];
}

export const TOPICS: readonly Topic[] = [
  {
    category: ['供暖', '供暖不热'], weight: 14, depts: ['e-rl', 'county'], kinds: { complaint: 6, help: 4 },
    titles: ['{compound}{n}号楼暖气不热', '{compound}供暖温度不达标', '{road}{compound}家中暖气片冰凉', '{compound}顶楼住户暖气不热'],
    details: ['室内温度只有{temp}度左右', '已经持续{days}天，家中有老人和小孩', '自交费后一直不热，多次联系物业未解决', '同单元多户都反映不热'],
    demands: ['请热力公司尽快上门排查', '要求保障正常供暖', '希望尽快解决并退还部分费用'],
  },
  {
    category: ['供暖', '管道漏水'], weight: 3, depts: ['e-rl'], kinds: { help: 8, complaint: 2 }, urgent: 0.25,
    titles: ['{compound}暖气管道漏水', '{road}供热管网漏水结冰', '{compound}楼道暖气管爆裂'],
    details: ['漏水已经流到楼下住户家中', '路面结冰，行人车辆通行危险', '热水一直往外冒，阀门关不上'],
    demands: ['请立即派人抢修', '请尽快处理，防止发生危险'],
  },
  {
    category: ['供暖', '供暖收费'], weight: 3, depts: ['e-rl'], kinds: { consult: 8, complaint: 2 },
    titles: ['咨询{compound}供暖费缴纳标准', '咨询停供暖报停办理流程', '{compound}供暖费收费过高'],
    details: ['想了解今年供暖费的收费标准', '家中长期无人居住想办理报停', '物业代收的供暖费比标准高'],
    demands: ['请告知办理方式', '请核实收费是否合规'],
  },
  {
    category: ['城乡建设', '市政设施', '道路破损'], weight: 6, depts: ['d-cg', 'county'], kinds: { complaint: 5, help: 3, suggestion: 1 },
    titles: ['{road}路面坑洼破损', '{road}与{road2}交叉口路面塌陷', '{street}{road}人行道地砖松动'],
    details: ['坑深约{n}十厘米，已有电动车摔倒', '雨雪天积水结冰，存在安全隐患', '破损已有一个多月无人维修'],
    demands: ['请尽快修复', '希望相关部门设置警示标志并维修'],
  },
  {
    category: ['城乡建设', '市政设施', '路灯不亮'], weight: 3, depts: ['d-cg', 'county'], kinds: { complaint: 4, help: 3 },
    titles: ['{road}路灯不亮', '{compound}附近路段路灯损坏', '{street}{road}一段路灯夜间全黑'],
    details: ['晚上出行很不方便，老人孩子容易摔倒', '已经连续一周不亮', '附近还有施工，夜间很危险'],
    demands: ['请尽快维修', '请安排人员查看'],
  },
  {
    category: ['城乡建设', '物业管理', '物业服务'], weight: 5, depts: ['d-zj', 'county'], kinds: { complaint: 7, help: 2 },
    titles: ['{compound}物业不作为', '{compound}电梯频繁故障', '{compound}楼道垃圾长期无人清理'],
    details: ['物业费照收，服务不到位', '电梯经常停运，老人上下楼困难', '多次向物业反映均无回应'],
    demands: ['请住建部门督促物业整改', '要求物业履行服务合同'],
  },
  {
    category: ['城乡建设', '房屋质量', '房屋漏水'], weight: 2, depts: ['d-zj'], kinds: { complaint: 6, help: 3 },
    titles: ['{compound}新房屋顶漏水', '{compound}外墙渗水', '{compound}交房后地面开裂'],
    details: ['开发商一直推诿不予维修', '墙面发霉，无法正常居住', '仍在保修期内'],
    demands: ['请督促开发商维修', '要求按合同履行保修责任'],
  },
  {
    category: ['城乡建设', '不动产登记'], weight: 2, depts: ['d-zrzy'], kinds: { consult: 6, complaint: 3 },
    titles: ['{compound}业主不动产证迟迟办不下来', '咨询不动产证办理所需材料'],
    details: ['交房已满{n}年仍未办理房产证', '想了解办理流程和需要的材料'],
    demands: ['请尽快协调办理', '请告知办理方式'],
  },
  {
    category: ['生态环境', '噪声污染', '施工噪声'], weight: 4, depts: ['d-sthj', 'd-cg', 'county'], kinds: { complaint: 8, report: 2 },
    titles: ['{road}工地夜间施工噪音扰民', '{compound}旁工地凌晨施工', '{street}建筑工地噪声大'],
    details: ['每天晚上十点以后还在施工', '凌晨还有渣土车进出', '严重影响周边居民休息'],
    demands: ['请执法部门查处', '要求夜间停止施工'],
  },
  {
    category: ['生态环境', '大气污染', '餐饮油烟'], weight: 2, depts: ['d-cg', 'd-sthj'], kinds: { complaint: 7, report: 2 },
    titles: ['{road}烧烤店油烟扰民', '{compound}底商饭店油烟直排'],
    details: ['油烟直接排到居民楼内', '没有安装油烟净化设备'],
    demands: ['请责令整改', '请相关部门查处'],
  },
  {
    category: ['生态环境', '水污染'], weight: 1, depts: ['d-sthj', 'county'], kinds: { report: 5, complaint: 3 },
    titles: ['{street}河道有污水排放', '{street}企业偷排污水'],
    details: ['河水发黑发臭', '夜间偷排，白天看不到'],
    demands: ['请环保部门查处', '请尽快调查处理'],
  },
  {
    category: ['劳动保障', '工资拖欠'], weight: 5, depts: ['d-rs', 'county'], kinds: { help: 6, complaint: 4 }, urgent: 0.05,
    titles: ['{company}拖欠工资', '{street}建筑工地拖欠农民工工资', '{company}拖欠{n}名员工工资'],
    details: ['已拖欠{months}个月工资共计{amount}元', '年底了还拿不到工钱', '老板一直推脱不给'],
    demands: ['请劳动监察部门帮助讨薪', '要求尽快足额支付工资'],
  },
  {
    category: ['劳动保障', '社会保险', '养老保险'], weight: 3, depts: ['d-rs'], kinds: { consult: 8, help: 2 },
    titles: ['咨询养老保险补缴政策', '咨询灵活就业人员社保缴费', '养老金领取资格认证问题'],
    details: ['想了解断缴后如何补缴', '不清楚今年的缴费标准', '认证一直不通过'],
    demands: ['请告知具体政策', '请帮助核实处理'],
  },
  {
    category: ['医疗卫生', '医保报销'], weight: 3, depts: ['d-yb'], kinds: { consult: 7, complaint: 2 },
    titles: ['咨询异地就医备案流程', '咨询门诊慢特病报销', '医保报销比例有疑问'],
    details: ['家人在外地住院需要备案', '想了解报销需要的材料', '实际报销比例比规定低'],
    demands: ['请告知办理流程', '请核实报销是否正确'],
  },
  {
    category: ['医疗卫生', '医疗服务'], weight: 2, depts: ['d-wj'], kinds: { complaint: 6, praise: 1, consult: 2 },
    titles: ['{hospital}挂号难', '{hospital}医生态度差', '{hospital}收费有疑问'],
    details: ['排队几个小时才看上病', '医生看病时很不耐烦', '检查费用明显偏高'],
    demands: ['请卫健部门调查处理', '希望改进服务'],
  },
  {
    category: ['教育', '校外培训'], weight: 1, depts: ['d-jy'], kinds: { complaint: 5, report: 3 },
    titles: ['{road}培训机构退费难', '{street}有无证培训机构违规招生'],
    details: ['预交的{amount}元学费迟迟不退', '周末偷偷组织学科类培训'],
    demands: ['请教育部门督促退费', '请查处'],
  },
  {
    category: ['教育', '入学咨询'], weight: 2, depts: ['d-jy', 'county'], kinds: { consult: 9 },
    titles: ['咨询{street}学区划分', '咨询随迁子女入学政策'],
    details: ['孩子明年上小学', '在泰安务工，想了解孩子入学条件'],
    demands: ['请告知政策', '请解答'],
  },
  {
    category: ['交通运输', '出租车', '拒载绕路'], weight: 2, depts: ['d-jt'], kinds: { complaint: 9 },
    titles: ['出租车司机在泰安站拒载', '出租车绕路多收费', '网约车司机中途甩客'],
    details: ['车牌号鲁J{plate}', '正常十几元的路程收了{amount}元'],
    demands: ['请交通部门查处', '要求退还多收费用'],
  },
  {
    category: ['交通运输', '公交服务'], weight: 2, depts: ['e-gj', 'd-jt'], kinds: { complaint: 5, suggestion: 4, praise: 1 },
    titles: ['{bus}路公交车发车间隔太长', '{bus}路公交司机不到站停车', '建议增开至{street}的公交线路'],
    details: ['等了四十多分钟都没来车', '冬天在站台等车很冷', '周边居民出行不便'],
    demands: ['请公交公司改进', '希望合理调整班次'],
  },
  {
    category: ['市场监管', '食品安全'], weight: 2, depts: ['d-scjg'], kinds: { complaint: 5, report: 4 },
    titles: ['{road}超市销售过期食品', '{compound}门口早餐店卫生差'],
    details: ['购买的食品已过保质期', '后厨卫生条件很差，无健康证'],
    demands: ['请市场监管部门查处', '要求退赔'],
  },
  {
    category: ['市场监管', '消费维权', '预付卡退费'], weight: 3, depts: ['d-scjg', 'county'], kinds: { complaint: 8, help: 2 },
    titles: ['{road}健身房闭店预付卡无法退费', '{road}理发店办卡后跑路'],
    details: ['卡内余额{amount}元', '店面已关门，老板联系不上'],
    demands: ['请帮助退费', '请相关部门介入处理'],
  },
  {
    category: ['公共安全', '治安管理'], weight: 1, depts: ['d-ga'], kinds: { report: 5, help: 4 }, urgent: 0.12,
    titles: ['{compound}有人聚众赌博', '{road}夜间有人飙车', '{compound}电动车被盗'],
    details: ['每天晚上都有人在此聚集', '噪音大且存在安全隐患'],
    demands: ['请公安部门处理', '请加强巡逻'],
  },
  {
    category: ['供水', '停水'], weight: 3, depts: ['e-sw'], kinds: { help: 6, complaint: 3, consult: 2 }, urgent: 0.08,
    titles: ['{compound}突然停水', '{compound}停水未提前通知', '咨询{street}停水何时恢复'],
    details: ['从早上开始一直没水', '没有看到任何停水通知', '家中做饭洗漱都成问题'],
    demands: ['请尽快恢复供水', '请告知恢复时间'],
  },
  {
    category: ['供水', '水质问题'], weight: 1, depts: ['e-sw'], kinds: { complaint: 7 },
    titles: ['{compound}自来水发黄', '{compound}自来水有异味'],
    details: ['放了很久还是浑浊', '烧开后有沉淀'],
    demands: ['请检测水质', '请尽快处理'],
  },
  {
    category: ['供电', '停电'], weight: 2, depts: ['e-gd'], kinds: { help: 6, complaint: 3 }, urgent: 0.1,
    titles: ['{compound}停电', '{street}频繁停电', '{compound}电压不稳'],
    details: ['家中电暖器无法使用', '一天停了三四次', '电器经常自动关机'],
    demands: ['请尽快抢修恢复供电', '请排查线路'],
  },
  {
    category: ['燃气', '燃气泄漏'], weight: 1, depts: ['e-rq'], kinds: { help: 9 }, urgent: 0.6,
    titles: ['{compound}楼道有燃气味', '{road}燃气管道疑似泄漏'],
    details: ['闻到很浓的燃气味道', '担心发生危险'],
    demands: ['请立即派人检查', '请马上处理'],
  },
  {
    category: ['燃气', '燃气收费'], weight: 1, depts: ['e-rq'], kinds: { consult: 6, complaint: 3 },
    titles: ['咨询燃气阶梯价格', '燃气表计量不准'],
    details: ['本月燃气费比往年高很多', '想了解阶梯价格的计算方式'],
    demands: ['请核实', '请解答'],
  },
  {
    category: ['通信', '信号差'], weight: 1, depts: ['e-yd', 'e-lt'], kinds: { complaint: 7 },
    titles: ['{compound}手机信号差', '{street}宽带经常断网'],
    details: ['在家中打电话经常断线', '报修后一直没人来'],
    demands: ['请运营商尽快解决', '请安排维修'],
  },
  {
    category: ['城市管理', '占道经营'], weight: 3, depts: ['d-cg', 'county'], kinds: { complaint: 6, report: 2 },
    titles: ['{road}流动摊贩占道经营', '{compound}门口商户占道经营'],
    details: ['早晚高峰道路拥堵', '垃圾随意丢弃'],
    demands: ['请城管部门规范管理', '请清理'],
  },
  {
    category: ['城市管理', '违章建筑'], weight: 2, depts: ['d-cg', 'county', 'd-zrzy'], kinds: { report: 6, complaint: 3 },
    titles: ['{compound}顶楼违建', '{compound}一楼住户私搭乱建'],
    details: ['占用公共空间', '影响其他住户采光和通行'],
    demands: ['请依法拆除', '请执法部门查处'],
  },
  {
    category: ['农业农村', '土地承包'], weight: 1, depts: ['county'], kinds: { help: 5, complaint: 4 },
    titles: ['{street}土地流转费未兑现', '{street}村集体土地承包纠纷'],
    details: ['流转费拖欠{months}个月', '村委会一直没有答复'],
    demands: ['请镇政府协调处理', '请依法处理'],
  },
  {
    category: ['民政', '社会救助'], weight: 1, depts: ['d-mz', 'county'], kinds: { help: 6, consult: 4 },
    titles: ['咨询低保申请条件', '{street}困难家庭申请救助'],
    details: ['家中老人重病无收入', '想了解申请流程'],
    demands: ['请帮助申请', '请告知政策'],
  },
  {
    category: ['文化旅游', '景区服务'], weight: 1, depts: ['d-wl'], kinds: { complaint: 4, consult: 3, suggestion: 2, praise: 1 },
    titles: ['泰山景区索道排队时间长', '泰山景区周边停车难', '咨询泰山景区冬季开放时间'],
    details: ['周末游客多，排队两个多小时', '停车场已满，周边乱停车'],
    demands: ['希望改进', '请解答'],
  },
  {
    category: ['表扬', '服务表扬'], weight: 1, depts: ['county', 'd-cg', 'e-rl', 'e-sw'], kinds: { praise: 10 },
    titles: ['表扬{street}工作人员', '感谢热力公司及时维修', '表扬{road}环卫工人'],
    details: ['工作人员冒雪上门服务', '问题当天就解决了', '拾金不昧'],
    demands: ['特此表扬', '希望予以表彰'],
  },
];
