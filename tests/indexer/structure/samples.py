"""Small documents in the shapes the recognisers meet: a law, a plan with an appendix table, news."""

LAW = """Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;

Quốc hội ban hành Luật Hôn nhân và gia đình.

Chương I

NHỮNG QUY ĐỊNH CHUNG

Điều 1. Phạm vi điều chỉnh

Luật này quy định chế độ hôn nhân và gia đình; chuẩn mực pháp lý cho cách ứng xử giữa các thành viên gia đình.

Điều 2. Những nguyên tắc cơ bản của chế độ hôn nhân và gia đình

1. Hôn nhân tự nguyện, tiến bộ, một vợ một chồng, vợ chồng bình đẳng.

2. Hôn nhân giữa công dân Việt Nam thuộc các dân tộc, tôn giáo được tôn trọng và bảo vệ:

a) Giữa người theo tôn giáo với người không theo tôn giáo;

b) Giữa người có tín ngưỡng với người không có tín ngưỡng.

Chương II

KẾT HÔN

Điều 8. Điều kiện kết hôn

1. Nam, nữ kết hôn với nhau phải tuân theo các điều kiện sau đây: nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.

2. Nhà nước không thừa nhận hôn nhân giữa những người cùng giới tính.
"""

PLAN = """KẾ HOẠCH Thực hiện Chương trình xây dựng nông thôn mới năm 2024

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

Triển khai đồng bộ các giải pháp để hoàn thành mục tiêu xây dựng nông thôn mới năm 2024.

2. Yêu cầu

Các sở, ngành bám sát nhiệm vụ được giao.

II. CHỈ TIÊU

1. Chỉ tiêu chung

a) Có thêm 10 xã đạt chuẩn nông thôn mới nâng cao;

b) Có thêm 5 xã đạt chuẩn nông thôn mới kiểu mẫu.

PHỤ LỤC I

BỘ TIÊU CHÍ XÃ NÔNG THÔN MỚI

TT: 1 | Tên tiêu chí: Quy hoạch | Nội dung tiêu chí: Có quy hoạch chung xây dựng xã | Chỉ tiêu: Đạt

TT: 2.1 | Tên tiêu chí: Giao thông | Nội dung tiêu chí: Tỷ lệ đường xã được nhựa hóa | Chỉ tiêu: 100%
"""

NEWS = """Bắc Giang triển khai Chương trình xây dựng nông thôn mới năm 2024.

Về nhiệm vụ cụ thể

Tỉnh phấn đấu có thêm 12 thôn đạt chuẩn nông thôn mới và 72 thôn đạt thôn kiểu mẫu.
"""
